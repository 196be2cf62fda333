"""Unit-level events on tokens: revocation (final) and activation."""

from __future__ import annotations

from sqlalchemy.orm import Session

from app.core.errors import ValidationError
from app.core.states import TokenStatus, check_token_transition
from app.dbkit.types import utcnow
from app.storage import audit, counters, outbox
from app.storage.db import Database
from app.storage.models import Token
from app.storage.queries import TokenView, find_token, token_key

MAX_REASON = 500


def revoke(db: Database, token_id: str, reason: str) -> TokenView:
    """Revoke a token for good; the reason is kept and the cloud is told."""
    reason = reason.strip()
    if not reason:
        raise ValidationError("reason", "a revocation needs a reason")
    if len(reason) > MAX_REASON:
        raise ValidationError("reason", f"is {len(reason)} characters; at most {MAX_REASON}")
    with db.write() as session:
        token = _locked(session, token_id)
        check_token_transition(TokenStatus(token.status), TokenStatus.REVOKED)
        was_active = token.status == TokenStatus.ACTIVE
        token.status = TokenStatus.REVOKED.value
        token.revoked_at = utcnow()
        token.revoke_reason = reason
        if was_active:
            counters.bump(session, counters.TOKENS_ACTIVE, -1)
        detail = {"reason": reason}
        audit.append(session, "token", token_id, "revoked", detail)
        outbox.enqueue(
            session, "token.revoked", {"token": token_id, **detail}, f"{token_id}:revoked"
        )
        session.flush()
        return find_token(session, token_id)


def activate(session: Session, token_id: str, *, source: str = "scan") -> bool:
    """Activate a first-scan token in the caller's transaction; False if it was not 'minted'."""
    token = _locked(session, token_id)
    if token.status != TokenStatus.MINTED:
        return False
    token.status = TokenStatus.ACTIVE.value
    token.activated_at = utcnow()
    counters.bump(session, counters.TOKENS_ACTIVE, 1)
    audit.append(session, "token", token_id, "activated", {"source": source})
    return True


def _locked(session: Session, token_id: str) -> Token:
    key = token_key(session, token_id)
    token = session.get(Token, key, with_for_update=True)
    assert token is not None
    return token
