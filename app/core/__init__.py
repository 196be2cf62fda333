"""Pure domain: GS1, EPC, serials, states, packs and ids. No Qt, no database."""
