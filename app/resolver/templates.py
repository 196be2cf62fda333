"""The HTML of the consumer pages (Jinja2, autoescaped), made for phones first."""

from __future__ import annotations

BASE = """<!doctype html>
<html lang="{{ lang }}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>{{ title }}</title>
<style>
:root { --primary: {{ theme.primary }}; --bg: {{ theme.background }}; --fg: {{ theme.text }}; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
  background: var(--bg); color: var(--fg); }
header { background: var(--primary); color: #fff; padding: 12px 16px; display: flex;
  align-items: center; gap: 12px; }
header img { max-height: 40px; max-width: 40%; background: #fff; border-radius: 4px; }
header .brand { font-weight: 600; font-size: 1.1rem; }
main { max-width: 640px; margin: 0 auto; padding: 16px; }
h1 { font-size: 1.4rem; margin: 8px 0 4px; }
.badge { display: inline-block; padding: 2px 10px; border-radius: 12px; font-size: .85rem;
  background: #e6f4ea; color: #137333; }
.badge.warn { background: #fce8e6; color: #a50e0e; }
dl { display: grid; grid-template-columns: minmax(8em, 40%) 1fr; gap: 6px 12px; margin: 16px 0; }
dt { color: #5f6368; } dd { margin: 0; word-break: break-word; }
ul.links { padding-left: 1.2em; } .muted { color: #5f6368; font-size: .9rem; }
@media (max-width: 420px) { dl { grid-template-columns: 1fr; } dt { margin-top: 8px; } }
</style>
</head>
<body>
<header>{% if logo %}<img src="{{ logo }}" alt="">{% endif %}
<span class="brand">{{ brand }}</span></header>
<main>{% block main %}{% endblock %}</main>
</body>
</html>
"""

PASSPORT = """{% extends "base.html" %}{% block main %}
<p class="muted">{{ t.passport }}</p>
<h1>{{ product }}</h1>
{% if unregistered %}<span class="badge warn">{{ t.unregistered_badge }}</span>
<p><strong>{{ t.unregistered }}</strong> {{ t.unregistered_text }}</p>
{% else %}<span class="badge">{{ t.authentic }}</span>{% endif %}
<dl>
{% if gtin %}<dt>GTIN</dt><dd>{{ gtin }}</dd>{% endif %}
{% if serial %}<dt>{{ t.serial }}</dt><dd>{{ serial }}</dd>{% endif %}
{% if lot %}<dt>{{ t.lot }}</dt><dd>{{ lot }}</dd>{% endif %}
{% if expiry %}<dt>{{ t.expiry }}</dt><dd>{{ expiry }}</dd>{% endif %}
{% for label, value in fields %}<dt>{{ label }}</dt><dd>{{ value }}</dd>
{% endfor %}</dl>
{% if links %}<ul class="links">{% for link in links %}
<li><a href="{{ link.href }}" rel="noopener">{{ link.title or link.link_type }}</a></li>
{% endfor %}</ul>{% endif %}
{% endblock %}"""

MESSAGE = """{% extends "base.html" %}{% block main %}
<h1>{{ heading }}</h1>
{% if warn %}<span class="badge warn">{{ badge }}</span>{% endif %}
<p>{{ message }}</p>
{% if choices %}<ul class="links">{% for link in choices %}
<li><a href="{{ link.href }}" rel="noopener">{{ link.title or link.href }}</a>
{% if link.hreflang %}<span class="muted">({{ link.hreflang | join(", ") }})</span>{% endif %}</li>
{% endfor %}</ul>{% endif %}
{% endblock %}"""

TEMPLATES = {"base.html": BASE, "passport.html": PASSPORT, "message.html": MESSAGE}

STRINGS: dict[str, dict[str, str]] = {
    "en": {
        "passport": "Digital Product Passport",
        "authentic": "Genuine product",
        "serial": "Serial number",
        "lot": "Lot",
        "expiry": "Expiry",
        "gone": "This product passport has been withdrawn",
        "gone_badge": "Revoked",
        "gone_text": "The brand has revoked this code. If you bought this item, contact the brand.",
        "not_found": "Unknown product code",
        "not_found_text": "This code is not known here. Check that you scanned the whole code.",
        "bad": "This code cannot be read",
        "choices": "Several links match",
        "choices_text": "Pick one:",
        "unregistered_badge": "Not registered",
        "unregistered": "This unit is not registered by the brand.",
        "unregistered_text": "The brand has no record of this serial or lot number. Below is"
        " the general information for the product; it says nothing about this item.",
    },
    "de": {
        "passport": "Digitaler Produktpass",
        "authentic": "Originalprodukt",
        "serial": "Seriennummer",
        "lot": "Charge",
        "expiry": "Ablaufdatum",
        "gone": "Dieser Produktpass wurde zurückgezogen",
        "gone_badge": "Widerrufen",
        "gone_text": "Die Marke hat diesen Code widerrufen. Bitte wenden Sie sich an die Marke.",
        "not_found": "Unbekannter Produktcode",
        "not_found_text": "Dieser Code ist hier nicht bekannt. Bitte scannen Sie ihn erneut.",
        "bad": "Dieser Code ist nicht lesbar",
        "choices": "Mehrere Links passen",
        "choices_text": "Bitte wählen:",
        "unregistered_badge": "Nicht registriert",
        "unregistered": "Diese Einheit ist von der Marke nicht registriert.",
        "unregistered_text": "Die Marke kennt diese Serien- oder Chargennummer nicht. Unten"
        " stehen die allgemeinen Angaben zum Produkt; über diesen Artikel sagen sie nichts.",
    },
    "fr": {
        "passport": "Passeport numérique du produit",
        "authentic": "Produit authentique",
        "serial": "Numéro de série",
        "lot": "Lot",
        "expiry": "Date d'expiration",
        "gone": "Ce passeport produit a été retiré",
        "gone_badge": "Révoqué",
        "gone_text": "La marque a révoqué ce code. Contactez-la si vous avez acheté ce produit.",
        "not_found": "Code produit inconnu",
        "not_found_text": "Ce code n'est pas connu ici. Vérifiez que le code est complet.",
        "bad": "Ce code est illisible",
        "choices": "Plusieurs liens correspondent",
        "choices_text": "Choisissez :",
        "unregistered_badge": "Non enregistré",
        "unregistered": "Cet article n'est pas enregistré par la marque.",
        "unregistered_text": "La marque ne connaît pas ce numéro de série ou de lot. Voici les"
        " informations générales du produit ; elles ne disent rien de cet article.",
    },
}

FIELD_LABELS: dict[str, dict[str, str]] = {
    "de": {
        "manufacturer": "Hersteller",
        "country_of_origin": "Herkunftsland",
        "material_composition": "Materialzusammensetzung",
        "recyclability": "Recyclingfähigkeit",
        "category": "Kategorie",
        "description": "Beschreibung",
        "recycled_content_pct": "Recyclinganteil (%)",
        "carbon_footprint_kg": "CO2-Fußabdruck (kg CO2e)",
        "care_instructions": "Pflegehinweise",
        "repair_info": "Reparaturinformationen",
    },
    "fr": {
        "manufacturer": "Fabricant",
        "country_of_origin": "Pays d'origine",
        "material_composition": "Composition",
        "recyclability": "Recyclabilité",
        "category": "Catégorie",
        "description": "Description",
        "recycled_content_pct": "Contenu recyclé (%)",
        "carbon_footprint_kg": "Empreinte carbone (kg CO2e)",
        "care_instructions": "Entretien",
        "repair_info": "Réparation",
    },
}
