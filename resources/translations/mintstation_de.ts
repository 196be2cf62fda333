<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>PassportField</name>
    <message>
        <source>manufacturer</source>
        <translation>Hersteller</translation>
    </message>
    <message>
        <source>country of origin</source>
        <translation>Herkunftsland</translation>
    </message>
    <message>
        <source>material composition</source>
        <translation>Materialzusammensetzung</translation>
    </message>
    <message>
        <source>recyclability</source>
        <translation>Recyclingfähigkeit</translation>
    </message>
    <message>
        <source>category</source>
        <translation>Kategorie</translation>
    </message>
    <message>
        <source>description</source>
        <translation>Beschreibung</translation>
    </message>
    <message>
        <source>recycled content (%)</source>
        <translation>Rezyklatanteil (%)</translation>
    </message>
    <message>
        <source>carbon footprint (kg CO2e)</source>
        <translation>CO₂-Fußabdruck (kg CO₂e)</translation>
    </message>
    <message>
        <source>care instructions</source>
        <translation>Pflegehinweise</translation>
    </message>
    <message>
        <source>repair information</source>
        <translation>Reparaturinformationen</translation>
    </message>
</context>
<context>
    <name>CommercialStatus</name>
    <message>
        <source>active</source>
        <translation>aktiv</translation>
    </message>
    <message>
        <source>pre-launch</source>
        <translation>vor Markteinführung</translation>
    </message>
    <message>
        <source>discontinued</source>
        <translation>eingestellt</translation>
    </message>
    <message>
        <source>withdrawn</source>
        <translation>zurückgezogen</translation>
    </message>
</context>
<context>
    <name>EncodingResult</name>
    <message>
        <source>ok</source>
        <translation>ok</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>fehlgeschlagen</translation>
    </message>
    <message>
        <source>void</source>
        <translation>ungültig gemacht</translation>
    </message>
</context>
<context>
    <name>ActivityPage</name>
    <message>
        <location filename="../../app/ui/pages/activity_page.py" line="32"/>
        <source>Entity type</source>
        <translation>Objekttyp</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/activity_page.py" line="34"/>
        <source>all entities</source>
        <translation>alle Objekte</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/activity_page.py" line="36"/>
        <source>&amp;Verify chain</source>
        <translation>Kette &amp;prüfen</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/activity_page.py" line="48"/>
        <source>#</source>
        <translation>Nr.</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/activity_page.py" line="49"/>
        <source>Time (UTC)</source>
        <translation>Zeit (UTC)</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/activity_page.py" line="50"/>
        <source>Entity</source>
        <translation>Objekt</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/activity_page.py" line="51"/>
        <source>Event</source>
        <translation>Ereignis</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/activity_page.py" line="52"/>
        <source>Details</source>
        <translation>Details</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/activity_page.py" line="82"/>
        <source>Verifying the chain…</source>
        <translation>Kette wird geprüft…</translation>
    </message>
</context>
<context>
    <name>BatchStatus</name>
    <message>
        <location filename="../../app/ui/status_words.py" line="28"/>
        <source>queued</source>
        <translation>in Warteschlange</translation>
    </message>
    <message>
        <location filename="../../app/ui/status_words.py" line="29"/>
        <source>processing</source>
        <translation>wird geprägt</translation>
    </message>
    <message>
        <location filename="../../app/ui/status_words.py" line="30"/>
        <source>minted</source>
        <translation>geprägt</translation>
    </message>
    <message>
        <location filename="../../app/ui/status_words.py" line="31"/>
        <source>failed</source>
        <translation>fehlgeschlagen</translation>
    </message>
</context>
<context>
    <name>BatchesPage</name>
    <message>
        <location filename="../../app/ui/pages/batches_page.py" line="38"/>
        <source>CSV manifest</source>
        <translation>CSV-Manifest</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/batches_page.py" line="39"/>
        <source>QR manifest</source>
        <translation>QR-Manifest</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/batches_page.py" line="40"/>
        <source>NFC encoding manifest</source>
        <translation>NFC-Codiermanifest</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/batches_page.py" line="41"/>
        <source>RFID encoding manifest</source>
        <translation>RFID-Codiermanifest</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/batches_page.py" line="42"/>
        <source>QR bundle (SVG ZIP)</source>
        <translation>QR-Paket (SVG-ZIP)</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/batches_page.py" line="43"/>
        <source>Label sheet (PDF)</source>
        <translation>Etikettenbogen (PDF)</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/batches_page.py" line="46"/>
        <source>Batch</source>
        <translation>Auftrag</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/batches_page.py" line="47"/>
        <source>Product</source>
        <translation>Produkt</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/batches_page.py" line="48"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/batches_page.py" line="49"/>
        <source>Minted</source>
        <translation>Geprägt</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/batches_page.py" line="50"/>
        <source>Identity</source>
        <translation>Kennzeichnung</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/batches_page.py" line="51"/>
        <source>Activation</source>
        <translation>Aktivierung</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/batches_page.py" line="52"/>
        <source>Created</source>
        <translation>Erstellt</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/batches_page.py" line="83"/>
        <source>&amp;Export…</source>
        <translation>&amp;Exportieren…</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/batches_page.py" line="89"/>
        <source>&amp;Print labels…</source>
        <translation>Etiketten &amp;drucken…</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/batches_page.py" line="91"/>
        <source>Re&amp;sume failed batch</source>
        <translation>Fehlgeschlagenen Auftrag &amp;fortsetzen</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/batches_page.py" line="93"/>
        <source>Open in &amp;Tokens</source>
        <translation>In &amp;Tokens öffnen</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/batches_page.py" line="96"/>
        <source>Re&amp;voke selected token…</source>
        <translation>Ausgewählten Token &amp;widerrufen…</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/batches_page.py" line="119"/>
        <source>Tokens of this batch</source>
        <translation>Tokens dieses Auftrags</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/batches_page.py" line="205"/>
        <source>No batch selected.</source>
        <translation>Kein Auftrag ausgewählt.</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/batches_page.py" line="211"/>
        <source>{0}: {1:,} units, print {2:,}</source>
        <translation>{0}: {1:,} Einheiten, Druck {2:,}</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/batches_page.py" line="214"/>
        <source>, expires {0}</source>
        <translation>, Verfall {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/batches_page.py" line="219"/>
        <source>&lt;b&gt;Failed:&lt;/b&gt; {0}</source>
        <translation>&lt;b&gt;Fehlgeschlagen:&lt;/b&gt; {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/batches_page.py" line="224"/>
        <source>Status &lt;b&gt;{0}&lt;/b&gt; · {1:,} of {2:,} minted · {3} identity · {4} activation · serials {5} · run {6}</source>
        <translation>Status &lt;b&gt;{0}&lt;/b&gt; · {1:,} von {2:,} geprägt · Kennzeichnung {3} · Aktivierung {4} · Seriennummern {5} · Produktionslauf {6}</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/batches_page.py" line="236"/>
        <source>Batch {0}</source>
        <translation>Auftrag {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/batches_page.py" line="251"/>
        <location filename="../../app/ui/pages/batches_page.py" line="256"/>
        <location filename="../../app/ui/pages/batches_page.py" line="267"/>
        <source>Revoke token</source>
        <translation>Token widerrufen</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/batches_page.py" line="251"/>
        <source>Select a token of the batch first.</source>
        <translation>Zuerst einen Token des Auftrags auswählen.</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/batches_page.py" line="257"/>
        <source>Revoking is final. Reason for revoking {0}:</source>
        <translation>Ein Widerruf ist endgültig. Grund für den Widerruf von {0}:</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/batches_page.py" line="274"/>
        <source>Token {0} revoked.</source>
        <translation>Token {0} widerrufen.</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/batches_page.py" line="303"/>
        <source>Resume batch</source>
        <translation>Auftrag fortsetzen</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/batches_page.py" line="341"/>
        <source>No exports yet.</source>
        <translation>Noch keine Exporte.</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/batches_page.py" line="343"/>
        <source>Exports</source>
        <translation>Exporte</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/batches_page.py" line="351"/>
        <source>{0} (files expired)</source>
        <translation>{0} (Dateien abgelaufen)</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/batches_page.py" line="352"/>
        <source>{0}: {1}, {2} pack(s)</source>
        <translation>{0}: {1}, {2} Paket(e)</translation>
    </message>
</context>
<context>
    <name>BrandFormWidget</name>
    <message>
        <location filename="../../app/ui/dialogs/brand_form.py" line="41"/>
        <source>e.g. Acme Tools</source>
        <translation>z. B. Acme Tools</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/brand_form.py" line="43"/>
        <source>e.g. id.acme.example</source>
        <translation>z. B. id.acme.example</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/brand_form.py" line="44"/>
        <source>&amp;GS1-ready: products have GTINs (Digital Link URLs)</source>
        <translation>&amp;GS1-fähig: Produkte haben GTINs (Digital-Link-URLs)</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/brand_form.py" line="47"/>
        <source>6 to 12 digits, e.g. 9506000</source>
        <translation>6 bis 12 Ziffern, z. B. 9506000</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/brand_form.py" line="50"/>
        <source>Choose &amp;logo… (SVG or PNG)</source>
        <translation>&amp;Logo wählen… (SVG oder PNG)</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/brand_form.py" line="52"/>
        <source>No logo</source>
        <translation>Kein Logo</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/brand_form.py" line="54"/>
        <source>Allow the logo in QR &amp;bundles</source>
        <translation>Logo in QR-&amp;Paketen erlauben</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/brand_form.py" line="55"/>
        <source>&amp;Compressed URIs in QR codes</source>
        <translation>&amp;Komprimierte URIs in QR-Codes</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/brand_form.py" line="58"/>
        <source>Print the compressed form of GS1 Digital Link URIs: smaller codes; the resolver answers them as the full URI.</source>
        <translation>Die komprimierte Form der GS1-Digital-Link-URIs drucken: kleinere Codes; der Resolver beantwortet sie wie die volle URI.</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/brand_form.py" line="76"/>
        <source>Brand &amp;name</source>
        <translation>Marken&amp;name</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/brand_form.py" line="77"/>
        <source>Resolver &amp;domain</source>
        <translation>Resolver-&amp;Domain</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/brand_form.py" line="79"/>
        <source>GS1 company &amp;prefix</source>
        <translation>GS1-Basis&amp;nummer</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/brand_form.py" line="81"/>
        <source>Logo</source>
        <translation>Logo</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/brand_form.py" line="101"/>
        <source>Current logo ({0:,} bytes)</source>
        <translation>Aktuelles Logo ({0:,} Byte)</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/brand_form.py" line="106"/>
        <source>Brand logo</source>
        <translation>Markenlogo</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/brand_form.py" line="106"/>
        <source>Logos (*.svg *.png)</source>
        <translation>Logos (*.svg *.png)</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/brand_form.py" line="117"/>
        <source>Cannot read {0}: {1}</source>
        <translation>{0} kann nicht gelesen werden: {1}</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/brand_form.py" line="119"/>
        <source>Logo {0}: {1}</source>
        <translation>Logo {0}: {1}</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/brand_form.py" line="124"/>
        <source>✔ {0} ({1:,} bytes)</source>
        <translation>✔ {0} ({1:,} Byte)</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/brand_form.py" line="126"/>
        <source>Logo {0} cannot be drawn</source>
        <translation>Logo {0} kann nicht dargestellt werden</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/brand_form.py" line="135"/>
        <source>Prefix length: {0} digits (sets the RFID partition)</source>
        <translation>Länge der Basisnummer: {0} Ziffern (bestimmt die RFID-Partition)</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/brand_form.py" line="149"/>
        <source>Enter the brand name.</source>
        <translation>Geben Sie den Markennamen ein.</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/brand_form.py" line="153"/>
        <source>Resolver domain: {0}</source>
        <translation>Resolver-Domain: {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/brand_form.py" line="156"/>
        <source>A GS1-ready brand needs its GS1 company prefix.</source>
        <translation>Eine GS1-fähige Marke braucht ihre GS1-Basisnummer.</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/brand_form.py" line="161"/>
        <source>Company prefix: {0}</source>
        <translation>Basisnummer: {0}</translation>
    </message>
</context>
<context>
    <name>CrashDialog</name>
    <message>
        <location filename="../../app/ui/crash_handler.py" line="68"/>
        <source>Mint Station: unexpected error</source>
        <translation>Mint Station: unerwarteter Fehler</translation>
    </message>
    <message>
        <location filename="../../app/ui/crash_handler.py" line="79"/>
        <source>The error and its traceback were written to the log:
{0}</source>
        <translation>Der Fehler und sein Traceback wurden ins Protokoll geschrieben:
{0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/crash_handler.py" line="81"/>
        <source>No log file is set up; copy the details below.</source>
        <translation>Es ist keine Protokolldatei eingerichtet; kopieren Sie die Details unten.</translation>
    </message>
    <message>
        <location filename="../../app/ui/crash_handler.py" line="87"/>
        <source>Mint Station keeps running. Work in progress is saved chunk by chunk; a stopped job can be resumed.</source>
        <translation>Mint Station läuft weiter. Laufende Arbeit wird Abschnitt für Abschnitt gespeichert; ein gestoppter Vorgang kann fortgesetzt werden.</translation>
    </message>
    <message>
        <location filename="../../app/ui/crash_handler.py" line="94"/>
        <source>Error details</source>
        <translation>Fehlerdetails</translation>
    </message>
    <message>
        <location filename="../../app/ui/crash_handler.py" line="97"/>
        <source>&amp;Copy details</source>
        <translation>Details &amp;kopieren</translation>
    </message>
    <message>
        <location filename="../../app/ui/crash_handler.py" line="100"/>
        <source>Open log &amp;folder</source>
        <translation>Protokoll&amp;ordner öffnen</translation>
    </message>
    <message>
        <location filename="../../app/ui/crash_handler.py" line="115"/>
        <source>&lt;b&gt;Unexpected error&lt;/b&gt; in {0}: {1}</source>
        <translation>&lt;b&gt;Unerwarteter Fehler&lt;/b&gt; in {0}: {1}</translation>
    </message>
    <message>
        <location filename="../../app/ui/crash_handler.py" line="117"/>
        <source>(happened {0} times)</source>
        <translation>({0}-mal aufgetreten)</translation>
    </message>
</context>
<context>
    <name>DashboardPage</name>
    <message>
        <location filename="../../app/ui/pages/dashboard_page.py" line="78"/>
        <source>Total Tokens Minted</source>
        <translation>Geprägte Token gesamt</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/dashboard_page.py" line="79"/>
        <source>Active Tokens</source>
        <translation>Aktive Token</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/dashboard_page.py" line="80"/>
        <source>Batches Created</source>
        <translation>Angelegte Aufträge</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/dashboard_page.py" line="81"/>
        <source>Exported / Printed</source>
        <translation>Exportiert / gedruckt</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/dashboard_page.py" line="95"/>
        <source>Mint your first batch</source>
        <translation>Prägen Sie Ihren ersten Auftrag</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/dashboard_page.py" line="97"/>
        <source>Choose a product that is ready to mint, say how many units, and submit: the batch mints in the background and its progress shows here.</source>
        <translation>Wählen Sie ein prägebereites Produkt, geben Sie die Stückzahl an und senden Sie ab: Der Auftrag wird im Hintergrund geprägt, sein Fortschritt erscheint hier.</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/dashboard_page.py" line="100"/>
        <source>&amp;New Mint…</source>
        <translation>&amp;Neue Prägung…</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/dashboard_page.py" line="108"/>
        <source>Batch</source>
        <translation>Auftrag</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/dashboard_page.py" line="109"/>
        <source>Product</source>
        <translation>Produkt</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/dashboard_page.py" line="110"/>
        <source>Progress</source>
        <translation>Fortschritt</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/dashboard_page.py" line="111"/>
        <source>Rate</source>
        <translation>Rate</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/dashboard_page.py" line="112"/>
        <source>ETA</source>
        <translation>Restzeit</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/dashboard_page.py" line="121"/>
        <source>No batch is minting right now.</source>
        <translation>Gerade wird kein Auftrag geprägt.</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/dashboard_page.py" line="122"/>
        <source>Tokens minted per day</source>
        <translation>Geprägte Token pro Tag</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/dashboard_page.py" line="123"/>
        <source>Consumer scans per day</source>
        <translation>Verbraucher-Scans pro Tag</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/dashboard_page.py" line="125"/>
        <source>Exports per day</source>
        <translation>Exporte pro Tag</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/dashboard_page.py" line="126"/>
        <source>Minting rate (units/s)</source>
        <translation>Prägerate (Einheiten/s)</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/dashboard_page.py" line="137"/>
        <source>&lt;b&gt;Batches in progress&lt;/b&gt;</source>
        <translation>&lt;b&gt;Laufende Aufträge&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/dashboard_page.py" line="172"/>
        <source>{0} · all time: {1}</source>
        <translation>{0} · insgesamt: {1}</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/dashboard_page.py" line="177"/>
        <source>30 days: {0} · today: {1}</source>
        <translation>30 Tage: {0} · heute: {1}</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/dashboard_page.py" line="206"/>
        <source>Now: {0}/s</source>
        <translation>Jetzt: {0}/s</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/dashboard_page.py" line="208"/>
        <source>No batch is minting; the line shows the last run.</source>
        <translation>Gerade wird nichts geprägt; die Linie zeigt den letzten Lauf.</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/dashboard_page.py" line="210"/>
        <source>No batch has minted since the window opened.</source>
        <translation>Seit dem Öffnen des Fensters wurde nichts geprägt.</translation>
    </message>
</context>
<context>
    <name>DatabaseSettingsWidget</name>
    <message>
        <location filename="../../app/ui/dialogs/database_settings.py" line="43"/>
        <source>This station&apos;s own database &amp;file</source>
        <translation>Eigene &amp;Datenbankdatei dieser Station</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/database_settings.py" line="46"/>
        <source>A &amp;shared PostgreSQL database</source>
        <translation>Eine &amp;gemeinsame PostgreSQL-Datenbank</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/database_settings.py" line="49"/>
        <source>Database URL</source>
        <translation>Datenbank-URL</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/database_settings.py" line="50"/>
        <source>&amp;Test connection</source>
        <translation>Verbindung &amp;testen</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/database_settings.py" line="57"/>
        <source>A change of database takes effect the next time Mint Station starts. The brand is kept in the database and shared by its stations.</source>
        <translation>Eine andere Datenbank wird beim nächsten Start von Mint Station verwendet. Die Marke wird in der Datenbank gespeichert und von allen ihren Stationen geteilt.</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/database_settings.py" line="92"/>
        <source>✖ Enter the database URL first.</source>
        <translation>✖ Geben Sie zuerst die Datenbank-URL ein.</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/database_settings.py" line="101"/>
        <source>✖ Cannot use this database: {0}</source>
        <translation>✖ Diese Datenbank kann nicht verwendet werden: {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/database_settings.py" line="105"/>
        <source>✔ Connected to {0}</source>
        <translation>✔ Verbunden mit {0}</translation>
    </message>
</context>
<context>
    <name>ExportStatus</name>
    <message>
        <location filename="../../app/ui/status_words.py" line="19"/>
        <source>pending</source>
        <translation>ausstehend</translation>
    </message>
    <message>
        <location filename="../../app/ui/status_words.py" line="20"/>
        <source>queued</source>
        <translation>in Warteschlange</translation>
    </message>
    <message>
        <location filename="../../app/ui/status_words.py" line="21"/>
        <source>generating</source>
        <translation>wird erzeugt</translation>
    </message>
    <message>
        <location filename="../../app/ui/status_words.py" line="22"/>
        <source>completed</source>
        <translation>abgeschlossen</translation>
    </message>
    <message>
        <location filename="../../app/ui/status_words.py" line="23"/>
        <source>ready</source>
        <translation>fertig</translation>
    </message>
    <message>
        <location filename="../../app/ui/status_words.py" line="24"/>
        <source>failed</source>
        <translation>fehlgeschlagen</translation>
    </message>
    <message>
        <location filename="../../app/ui/status_words.py" line="25"/>
        <source>cancelled</source>
        <translation>abgebrochen</translation>
    </message>
</context>
<context>
    <name>ExportsPage</name>
    <message>
        <location filename="../../app/ui/pages/exports_page.py" line="50"/>
        <source>Export / pack</source>
        <translation>Export / Paket</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/exports_page.py" line="51"/>
        <source>Batch</source>
        <translation>Auftrag</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/exports_page.py" line="52"/>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/exports_page.py" line="53"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/exports_page.py" line="54"/>
        <source>Units</source>
        <translation>Einheiten</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/exports_page.py" line="55"/>
        <source>Rate · ETA</source>
        <translation>Rate · Restzeit</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/exports_page.py" line="56"/>
        <source>Retention</source>
        <translation>Aufbewahrung</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/exports_page.py" line="57"/>
        <source>File</source>
        <translation>Datei</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/exports_page.py" line="61"/>
        <source>Queued</source>
        <translation>In Warteschlange</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/exports_page.py" line="62"/>
        <source>Generating</source>
        <translation>Wird erzeugt</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/exports_page.py" line="63"/>
        <source>Ready</source>
        <translation>Fertig</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/exports_page.py" line="64"/>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/exports_page.py" line="67"/>
        <source>Cancelled</source>
        <translation>Abgebrochen</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/exports_page.py" line="486"/>
        <source>Export #{0} cancelled.</source>
        <translation>Export #{0} abgebrochen.</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/exports_page.py" line="493"/>
        <source>Cannot cancel the export: {0}</source>
        <translation>Der Export kann nicht abgebrochen werden: {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/exports_page.py" line="79"/>
        <source>expired, file removed</source>
        <translation>abgelaufen, Datei entfernt</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/exports_page.py" line="84"/>
        <source>expires at the next sweep</source>
        <translation>läuft bei der nächsten Bereinigung ab</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/exports_page.py" line="85"/>
        <source>{0} d {1} h left</source>
        <translation>noch {0} T {1} h</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/exports_page.py" line="94"/>
        <source>expired</source>
        <translation>abgelaufen</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/exports_page.py" line="155"/>
        <source>&amp;Resume</source>
        <translation>&amp;Fortsetzen</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/exports_page.py" line="156"/>
        <source>&amp;Cancel</source>
        <translation>&amp;Abbrechen</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/exports_page.py" line="157"/>
        <source>&amp;Open folder</source>
        <translation>&amp;Ordner öffnen</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/exports_page.py" line="158"/>
        <source>Save pack &amp;as…</source>
        <translation>Paket speichern &amp;unter…</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/exports_page.py" line="159"/>
        <source>Apply &amp;retention now</source>
        <translation>Aufbewahrungs&amp;regel jetzt anwenden</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/exports_page.py" line="160"/>
        <source>&amp;Print labels…</source>
        <translation>Etiketten &amp;drucken…</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/exports_page.py" line="184"/>
        <source>No exports yet</source>
        <translation>Noch keine Exporte</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/exports_page.py" line="186"/>
        <source>Exports start from a minted batch: choose it on Batches and press Export… (Ctrl+E) for a CSV, a QR bundle, an NFC or RFID manifest or a label sheet. Every pack shows here as it is made.</source>
        <translation>Exporte beginnen bei einem geprägten Auftrag: Wählen Sie ihn unter Aufträge und drücken Sie Exportieren… (Strg+E) für eine CSV-Datei, ein QR-Paket, ein NFC- oder RFID-Manifest oder einen Etikettenbogen. Jedes Paket erscheint hier, während es entsteht.</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/exports_page.py" line="190"/>
        <source>Go to &amp;Batches</source>
        <translation>Zu den &amp;Aufträgen</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/exports_page.py" line="242"/>
        <source>Cannot read the export history: {0}</source>
        <translation>Der Exportverlauf kann nicht gelesen werden: {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/exports_page.py" line="299"/>
        <source> (expired)</source>
        <translation> (abgelaufen)</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/exports_page.py" line="301"/>
        <source>Export #{0}</source>
        <translation>Export Nr. {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/exports_page.py" line="308"/>
        <source> · {0} of {1} packs ready</source>
        <translation> · {0} von {1} Paketen fertig</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/exports_page.py" line="334"/>
        <source>pack {0} of {1}</source>
        <translation>Paket {0} von {1}</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/exports_page.py" line="348"/>
        <source>{0} units/s · ETA {1}</source>
        <translation>{0} Einheiten/s · Restzeit {1}</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/exports_page.py" line="436"/>
        <source>{0} export(s) running: {1}</source>
        <translation>{0} Export(e) laufen: {1}</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/exports_page.py" line="491"/>
        <location filename="../../app/ui/pages/exports_page.py" line="496"/>
        <source>Save pack</source>
        <translation>Paket speichern</translation>
    </message>
</context>
<context>
    <name>FirstRunDialog</name>
    <message>
        <location filename="../../app/ui/dialogs/first_run_dialog.py" line="42"/>
        <source>Set up Mint Station</source>
        <translation>Mint Station einrichten</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/first_run_dialog.py" line="43"/>
        <source>Welcome to Mint Station</source>
        <translation>Willkommen bei Mint Station</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/first_run_dialog.py" line="46"/>
        <source>Tell the station who it mints for. Everything here can be changed later in Settings.</source>
        <translation>Legen Sie fest, für wen die Station prägt. Alles hier lässt sich später in den Einstellungen ändern.</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/first_run_dialog.py" line="56"/>
        <source>&lt;b&gt;Where data lives&lt;/b&gt;&lt;br&gt;Station folder: {0}&lt;br&gt;Database: {1}</source>
        <translation>&lt;b&gt;Wo die Daten liegen&lt;/b&gt;&lt;br&gt;Stationsordner: {0}&lt;br&gt;Datenbank: {1}</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/first_run_dialog.py" line="63"/>
        <source>&amp;Publish the default passport template (needed before minting)</source>
        <translation>Standard-Pass&amp;vorlage veröffentlichen (nötig vor dem Prägen)</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/first_run_dialog.py" line="67"/>
        <source>Load the &amp;sample catalogue (20 products) to try minting at once</source>
        <translation>&amp;Beispielkatalog laden (20 Produkte), um sofort prägen zu können</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/first_run_dialog.py" line="82"/>
        <source>&amp;Start</source>
        <translation>&amp;Starten</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/first_run_dialog.py" line="84"/>
        <source>&amp;Later</source>
        <translation>S&amp;päter</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/first_run_dialog.py" line="117"/>
        <source>✖ The sample catalogue was not loaded:
{0}</source>
        <translation>✖ Der Beispielkatalog wurde nicht geladen:
{0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/first_run_dialog.py" line="123"/>
        <source>✖ {0}</source>
        <translation>✖ {0}</translation>
    </message>
</context>
<context>
    <name>JobProgressWidget</name>
    <message>
        <location filename="../../app/ui/widgets/job_progress.py" line="89"/>
        <source>starting…</source>
        <translation>startet…</translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets/job_progress.py" line="91"/>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets/job_progress.py" line="92"/>
        <source>Cancel {0}</source>
        <translation>{0} abbrechen</translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets/job_progress.py" line="94"/>
        <source>Stops at the next safe point; the job can be resumed later.</source>
        <translation>Hält am nächsten sicheren Punkt an; der Vorgang kann später fortgesetzt werden.</translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets/job_progress.py" line="116"/>
        <source>stopping at the next safe point…</source>
        <translation>hält am nächsten sicheren Punkt an…</translation>
    </message>
</context>
<context>
    <name>LogoQrPreviewWidget</name>
    <message>
        <location filename="../../app/ui/dialogs/logo_preview.py" line="38"/>
        <source>QR code with the brand logo</source>
        <translation>QR-Code mit dem Markenlogo</translation>
    </message>
</context>
<context>
    <name>LotsWidget</name>
    <message>
        <location filename="../../app/ui/wizard/lots_widget.py" line="43"/>
        <source>{0!r} is not a whole number</source>
        <translation>{0!r} ist keine ganze Zahl</translation>
    </message>
    <message>
        <location filename="../../app/ui/wizard/lots_widget.py" line="46"/>
        <source>must be 1 to {0:,}</source>
        <translation>muss zwischen 1 und {0:,} liegen</translation>
    </message>
    <message>
        <location filename="../../app/ui/wizard/lots_widget.py" line="53"/>
        <source>code</source>
        <translation>Chargennummer</translation>
    </message>
    <message>
        <location filename="../../app/ui/wizard/lots_widget.py" line="54"/>
        <source>quantity</source>
        <translation>Menge</translation>
    </message>
    <message>
        <location filename="../../app/ui/wizard/lots_widget.py" line="56"/>
        <source>print quantity</source>
        <translation>Druckmenge</translation>
    </message>
    <message>
        <location filename="../../app/ui/wizard/lots_widget.py" line="63"/>
        <source>expiry</source>
        <translation>Verfallsdatum</translation>
    </message>
    <message>
        <location filename="../../app/ui/wizard/lots_widget.py" line="64"/>
        <source>{0!r} is not a date like 2027-12-31</source>
        <translation>{0!r} ist kein Datum wie 2027-12-31</translation>
    </message>
    <message>
        <location filename="../../app/ui/wizard/lots_widget.py" line="80"/>
        <source>Lot &amp;code</source>
        <translation>Chargen&amp;nummer</translation>
    </message>
    <message>
        <location filename="../../app/ui/wizard/lots_widget.py" line="81"/>
        <source>&amp;Quantity</source>
        <translation>&amp;Menge</translation>
    </message>
    <message>
        <location filename="../../app/ui/wizard/lots_widget.py" line="82"/>
        <source>&amp;Print quantity</source>
        <translation>&amp;Druckmenge</translation>
    </message>
    <message>
        <location filename="../../app/ui/wizard/lots_widget.py" line="83"/>
        <source>&amp;Expiry</source>
        <translation>&amp;Verfallsdatum</translation>
    </message>
    <message>
        <location filename="../../app/ui/wizard/lots_widget.py" line="86"/>
        <source>e.g. L2027-01</source>
        <translation>z. B. L2027-01</translation>
    </message>
    <message>
        <location filename="../../app/ui/wizard/lots_widget.py" line="87"/>
        <source>units</source>
        <translation>Einheiten</translation>
    </message>
    <message>
        <location filename="../../app/ui/wizard/lots_widget.py" line="88"/>
        <source>optional: = quantity</source>
        <translation>optional: = Menge</translation>
    </message>
    <message>
        <location filename="../../app/ui/wizard/lots_widget.py" line="89"/>
        <source>optional: YYYY-MM-DD</source>
        <translation>optional: JJJJ-MM-TT</translation>
    </message>
    <message>
        <location filename="../../app/ui/wizard/lots_widget.py" line="101"/>
        <source>&amp;Add lot</source>
        <translation>Charge &amp;hinzufügen</translation>
    </message>
    <message>
        <location filename="../../app/ui/wizard/lots_widget.py" line="110"/>
        <source>Code</source>
        <translation>Nummer</translation>
    </message>
    <message>
        <location filename="../../app/ui/wizard/lots_widget.py" line="110"/>
        <source>Quantity</source>
        <translation>Menge</translation>
    </message>
    <message>
        <location filename="../../app/ui/wizard/lots_widget.py" line="110"/>
        <source>Print quantity</source>
        <translation>Druckmenge</translation>
    </message>
    <message>
        <location filename="../../app/ui/wizard/lots_widget.py" line="110"/>
        <source>Expiry</source>
        <translation>Verfallsdatum</translation>
    </message>
    <message>
        <location filename="../../app/ui/wizard/lots_widget.py" line="112"/>
        <source>Lots</source>
        <translation>Chargen</translation>
    </message>
    <message>
        <location filename="../../app/ui/wizard/lots_widget.py" line="117"/>
        <source>&amp;Remove selected lot</source>
        <translation>Ausgewählte Charge &amp;entfernen</translation>
    </message>
    <message>
        <location filename="../../app/ui/wizard/lots_widget.py" line="142"/>
        <source>Enter a lot, then press Enter or Add lot.</source>
        <translation>Charge eingeben, dann Eingabetaste oder „Charge hinzufügen“ drücken.</translation>
    </message>
    <message>
        <location filename="../../app/ui/wizard/lots_widget.py" line="148"/>
        <source>✖ {0}</source>
        <translation>✖ {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/wizard/lots_widget.py" line="152"/>
        <source>✔ Lot {0}: {1:,} units. Press Enter to add it.</source>
        <translation>✔ Charge {0}: {1:,} Einheiten. Mit der Eingabetaste hinzufügen.</translation>
    </message>
    <message>
        <location filename="../../app/ui/wizard/lots_widget.py" line="210"/>
        <source>Row {0}: {1}</source>
        <translation>Zeile {0}: {1}</translation>
    </message>
    <message>
        <location filename="../../app/ui/wizard/lots_widget.py" line="214"/>
        <source>Add at least one lot.</source>
        <translation>Fügen Sie mindestens eine Charge hinzu.</translation>
    </message>
    <message>
        <location filename="../../app/ui/wizard/lots_widget.py" line="226"/>
        <source>✔ {0} lot(s), {1:,} units in all.</source>
        <translation>✔ {0} Charge(n), insgesamt {1:,} Einheiten.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../app/ui/main_window/actions.py" line="38"/>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window/toolbar.py" line="73"/>
        <source>Main actions</source>
        <translation>Hauptaktionen</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window/toolbar.py" line="81"/>
        <location filename="../../app/ui/main_window/actions.py" line="40"/>
        <source>&amp;New Mint…</source>
        <translation>&amp;Neue Prägung…</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window/toolbar.py" line="84"/>
        <source>Mint a new batch of tokens</source>
        <translation>Einen neuen Auftrag Token prägen</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window/toolbar.py" line="89"/>
        <source>&amp;Export…</source>
        <translation>&amp;Exportieren…</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window/toolbar.py" line="92"/>
        <source>Export or print a minted batch</source>
        <translation>Einen geprägten Auftrag exportieren oder drucken</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window/toolbar.py" line="98"/>
        <source>En&amp;code</source>
        <translation>&amp;Kodieren</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window/toolbar.py" line="101"/>
        <source>Write tokens to NFC or RFID tags at a station</source>
        <translation>Token an einer Station auf NFC- oder RFID-Tags schreiben</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window/toolbar.py" line="110"/>
        <source>Scan or type a token to look it up</source>
        <translation>Einen Token scannen oder eintippen, um ihn nachzuschlagen</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window/toolbar.py" line="113"/>
        <source>New Mint</source>
        <translation>Neue Prägung</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window/toolbar.py" line="114"/>
        <source>Export</source>
        <translation>Exportieren</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window/toolbar.py" line="115"/>
        <source>Encode</source>
        <translation>Kodieren</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window/toolbar.py" line="116"/>
        <source>Scan</source>
        <translation>Scannen</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window/actions.py" line="47"/>
        <source>&amp;Import products…</source>
        <translation>Produkte &amp;importieren…</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window/actions.py" line="53"/>
        <source>&amp;Settings…</source>
        <translation>&amp;Einstellungen…</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window/actions.py" line="58"/>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window/actions.py" line="62"/>
        <source>&amp;Go</source>
        <translation>&amp;Gehe zu</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window/toolbar.py" line="107"/>
        <location filename="../../app/ui/main_window/actions.py" line="67"/>
        <source>&amp;Scan a token</source>
        <translation>Token &amp;scannen</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window/actions.py" line="71"/>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window/actions.py" line="73"/>
        <source>&amp;Refresh</source>
        <translation>&amp;Aktualisieren</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window/actions.py" line="76"/>
        <source>S&amp;ync now</source>
        <translation>Jetzt s&amp;ynchronisieren</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window/actions.py" line="79"/>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window/actions.py" line="81"/>
        <source>&amp;About Mint Station</source>
        <translation>&amp;Über Mint Station</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window/window.py" line="65"/>
        <source>Navigation</source>
        <translation>Navigation</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window/window.py" line="76"/>
        <source>Dashboard</source>
        <translation>Übersicht</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window/window.py" line="77"/>
        <source>Products</source>
        <translation>Produkte</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window/window.py" line="78"/>
        <source>Batches</source>
        <translation>Aufträge</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window/window.py" line="79"/>
        <source>Tokens</source>
        <translation>Tokens</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window/window.py" line="80"/>
        <source>Exports / Print Jobs</source>
        <translation>Exporte / Druckaufträge</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window/window.py" line="81"/>
        <source>Stations</source>
        <translation>Stationen</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window/window.py" line="82"/>
        <source>Activity / Audit</source>
        <translation>Aktivität / Prüfprotokoll</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window/window.py" line="83"/>
        <source>Verify</source>
        <translation>Prüfen</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window/window.py" line="105"/>
        <source>Database: {0}</source>
        <translation>Datenbank: {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window/window.py" line="177"/>
        <source>Sync is not configured: Settings ▸ Sync</source>
        <translation>Synchronisierung ist nicht eingerichtet: Einstellungen ▸ Synchronisierung</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window/window.py" line="190"/>
        <source>never</source>
        <translation>nie</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window/window.py" line="193"/>
        <source>Sync: not configured</source>
        <translation>Sync: nicht eingerichtet</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window/window.py" line="195"/>
        <source>online</source>
        <translation>online</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window/window.py" line="195"/>
        <source>offline</source>
        <translation>offline</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window/window.py" line="197"/>
        <source>Sync: {0} · {1} waiting · last {2}</source>
        <translation>Sync: {0} · {1} wartend · zuletzt {2}</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window/window.py" line="229"/>
        <source>{0} job(s) running</source>
        <translation>{0} Vorgang/Vorgänge laufen</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window/window.py" line="265"/>
        <source>Press Export… (Alt+E) and choose what to make for the selected batch.</source>
        <translation>Drücken Sie Exportieren… (Alt+E) und wählen Sie, was für den gewählten Auftrag erzeugt wird.</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window/window.py" line="270"/>
        <source>Nothing to export yet: a batch can be exported once it is minted.</source>
        <translation>Noch nichts zu exportieren: Ein Auftrag kann exportiert werden, sobald er geprägt ist.</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window/window.py" line="283"/>
        <source>Mint Station</source>
        <translation>Mint Station</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window/window.py" line="291"/>
        <source>About Mint Station</source>
        <translation>Über Mint Station</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window/window.py" line="292"/>
        <source>Mint Station {0}&lt;br&gt;Database: {1}&lt;br&gt;Home: {2}&lt;br&gt;Logs: {3}</source>
        <translation>Mint Station {0}&lt;br&gt;Datenbank: {1}&lt;br&gt;Stationsordner: {2}&lt;br&gt;Protokolle: {3}</translation>
    </message>
</context>
<context>
    <name>MintConfigPage</name>
    <message>
        <location filename="../../app/ui/wizard/mint_config_page.py" line="36"/>
        <source>Mint configuration</source>
        <translation>Prägeeinstellungen</translation>
    </message>
    <message>
        <location filename="../../app/ui/wizard/mint_config_page.py" line="38"/>
        <source>Choose how units are identified and activated, and how many to mint.</source>
        <translation>Wählen Sie, wie Einheiten gekennzeichnet und aktiviert werden und wie viele geprägt werden.</translation>
    </message>
    <message>
        <location filename="../../app/ui/wizard/mint_config_page.py" line="40"/>
        <source>Identity mode</source>
        <translation>Kennzeichnung</translation>
    </message>
    <message>
        <location filename="../../app/ui/wizard/mint_config_page.py" line="44"/>
        <source>&amp;Serial — one token per unit, own serial</source>
        <translation>&amp;Seriell — je Einheit ein Token</translation>
    </message>
    <message>
        <location filename="../../app/ui/wizard/mint_config_page.py" line="47"/>
        <source>&amp;Lot — units minted within lots</source>
        <translation>&amp;Charge — Einheiten in Chargen geprägt</translation>
    </message>
    <message>
        <location filename="../../app/ui/wizard/mint_config_page.py" line="50"/>
        <source>Activation mode</source>
        <translation>Aktivierung</translation>
    </message>
    <message>
        <location filename="../../app/ui/wizard/mint_config_page.py" line="54"/>
        <source>Active at &amp;mint</source>
        <translation>Aktiv ab &amp;Prägung</translation>
    </message>
    <message>
        <location filename="../../app/ui/wizard/mint_config_page.py" line="57"/>
        <source>Active at first s&amp;can</source>
        <translation>Aktiv ab erstem S&amp;can</translation>
    </message>
    <message>
        <location filename="../../app/ui/wizard/mint_config_page.py" line="69"/>
        <source>Quantity</source>
        <translation>Menge</translation>
    </message>
    <message>
        <location filename="../../app/ui/wizard/mint_config_page.py" line="73"/>
        <source>&amp;Quantity</source>
        <translation>&amp;Menge</translation>
    </message>
    <message>
        <location filename="../../app/ui/wizard/mint_config_page.py" line="76"/>
        <source>Serial numbers</source>
        <translation>Seriennummern</translation>
    </message>
    <message>
        <location filename="../../app/ui/wizard/mint_config_page.py" line="79"/>
        <source>Lots</source>
        <translation>Chargen</translation>
    </message>
    <message>
        <location filename="../../app/ui/wizard/mint_config_page.py" line="129"/>
        <source>The quantity is the sum of the lots.</source>
        <translation>Die Menge ist die Summe der Chargen.</translation>
    </message>
    <message>
        <location filename="../../app/ui/wizard/mint_config_page.py" line="131"/>
        <source>The quantity is the number of serials in the file.</source>
        <translation>Die Menge ist die Zahl der Seriennummern in der Datei.</translation>
    </message>
    <message>
        <location filename="../../app/ui/wizard/mint_config_page.py" line="135"/>
        <source>Production run {0} has {1:,} units left.</source>
        <translation>Produktionslauf {0} hat noch {1:,} Einheiten frei.</translation>
    </message>
    <message>
        <location filename="../../app/ui/wizard/mint_config_page.py" line="152"/>
        <source>{0:,} units is more than the {1:,} left on production run {2}.</source>
        <translation>{0:,} Einheiten sind mehr als die {1:,}, die im Produktionslauf {2} noch frei sind.</translation>
    </message>
</context>
<context>
    <name>MintMode</name>
    <message>
        <location filename="../../app/ui/status_words.py" line="40"/>
        <source>serial</source>
        <translation>seriell</translation>
    </message>
    <message>
        <location filename="../../app/ui/status_words.py" line="41"/>
        <source>lot</source>
        <translation>Charge</translation>
    </message>
    <message>
        <location filename="../../app/ui/status_words.py" line="42"/>
        <source>at-mint</source>
        <translation>ab Prägung</translation>
    </message>
    <message>
        <location filename="../../app/ui/status_words.py" line="43"/>
        <source>first-scan</source>
        <translation>ab erstem Scan</translation>
    </message>
    <message>
        <location filename="../../app/ui/status_words.py" line="44"/>
        <source>sequential</source>
        <translation>fortlaufend</translation>
    </message>
    <message>
        <location filename="../../app/ui/status_words.py" line="45"/>
        <source>random</source>
        <translation>zufällig</translation>
    </message>
    <message>
        <location filename="../../app/ui/status_words.py" line="46"/>
        <source>numeric</source>
        <translation>numerisch</translation>
    </message>
    <message>
        <location filename="../../app/ui/status_words.py" line="47"/>
        <source>list</source>
        <translation>Liste</translation>
    </message>
</context>
<context>
    <name>NewMintWizard</name>
    <message>
        <location filename="../../app/ui/wizard/wizard.py" line="57"/>
        <source>New Mint</source>
        <translation>Neue Prägung</translation>
    </message>
    <message>
        <location filename="../../app/ui/wizard/wizard.py" line="78"/>
        <source>&lt; &amp;Back</source>
        <translation>&lt; &amp;Zurück</translation>
    </message>
    <message>
        <location filename="../../app/ui/wizard/wizard.py" line="79"/>
        <source>&amp;Next &gt;</source>
        <translation>&amp;Weiter &gt;</translation>
    </message>
    <message>
        <location filename="../../app/ui/wizard/wizard.py" line="80"/>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <location filename="../../app/ui/wizard/wizard.py" line="81"/>
        <source>&amp;Submit</source>
        <translation>&amp;Absenden</translation>
    </message>
</context>
<context>
    <name>PrintDialog</name>
    <message>
        <location filename="../../app/ui/dialogs/print_dialog.py" line="51"/>
        <source>Print labels</source>
        <translation>Etiketten drucken</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/print_dialog.py" line="58"/>
        <source>A system printer, or a Zebra as {0}</source>
        <translation>Ein Systemdrucker oder ein Zebra als {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/print_dialog.py" line="60"/>
        <source>&amp;Edit template…</source>
        <translation>Vorlage &amp;bearbeiten…</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/print_dialog.py" line="62"/>
        <source>Every unit of the batch</source>
        <translation>Jede Einheit des Auftrags</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/print_dialog.py" line="63"/>
        <source>Pack</source>
        <translation>Paket</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/print_dialog.py" line="64"/>
        <source>Units from</source>
        <translation>Einheiten ab</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/print_dialog.py" line="74"/>
        <source>Reprint units printed before</source>
        <translation>Bereits gedruckte Einheiten erneut drucken</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/print_dialog.py" line="76"/>
        <source>Why (required for a reprint)</source>
        <translation>Warum (für einen Nachdruck nötig)</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/print_dialog.py" line="94"/>
        <source>count</source>
        <translation>Anzahl</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/print_dialog.py" line="98"/>
        <source>&amp;Printer</source>
        <translation>&amp;Drucker</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/print_dialog.py" line="99"/>
        <source>&amp;Template</source>
        <translation>&amp;Vorlage</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/print_dialog.py" line="100"/>
        <source>Units</source>
        <translation>Einheiten</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/print_dialog.py" line="104"/>
        <source>&amp;Reason</source>
        <translation>&amp;Grund</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/print_dialog.py" line="109"/>
        <source>&amp;Print</source>
        <translation>&amp;Drucken</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/print_dialog.py" line="127"/>
        <source> (default)</source>
        <translation> (Standard)</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/print_dialog.py" line="143"/>
        <source>✖ Choose a printer</source>
        <translation>✖ Einen Drucker wählen</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/print_dialog.py" line="146"/>
        <source>✖ A reprint needs a reason</source>
        <translation>✖ Ein Nachdruck braucht einen Grund</translation>
    </message>
</context>
<context>
    <name>ProductTableModel</name>
    <message>
        <location filename="../../app/ui/pages/products_page.py" line="46"/>
        <source>SKU</source>
        <translation>SKU</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/products_page.py" line="47"/>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/products_page.py" line="48"/>
        <source>GTIN</source>
        <translation>GTIN</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/products_page.py" line="49"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/products_page.py" line="50"/>
        <source>Ready to mint</source>
        <translation>Bereit zum Prägen</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/products_page.py" line="85"/>
        <source>✔ Ready</source>
        <translation>✔ Bereit</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/products_page.py" line="85"/>
        <source>✖ Not ready</source>
        <translation>✖ Nicht bereit</translation>
    </message>
</context>
<context>
    <name>ProductionRunPage</name>
    <message>
        <location filename="../../app/ui/wizard/production_run_page.py" line="20"/>
        <source>Production run (optional)</source>
        <translation>Produktionslauf (optional)</translation>
    </message>
    <message>
        <location filename="../../app/ui/wizard/production_run_page.py" line="23"/>
        <source>Link the batch to an ERP production run so its quantity cannot be exceeded, or skip this step to mint without an ERP limit.</source>
        <translation>Verknüpfen Sie den Auftrag mit einem ERP-Produktionslauf, damit dessen Menge nicht überschritten wird, oder überspringen Sie diesen Schritt, um ohne ERP-Grenze zu prägen.</translation>
    </message>
    <message>
        <location filename="../../app/ui/wizard/production_run_page.py" line="28"/>
        <source>Production runs</source>
        <translation>Produktionsläufe</translation>
    </message>
    <message>
        <location filename="../../app/ui/wizard/production_run_page.py" line="42"/>
        <source>➜ No production run — mint without an ERP limit</source>
        <translation>➜ Kein Produktionslauf — ohne ERP-Grenze prägen</translation>
    </message>
    <message>
        <location filename="../../app/ui/wizard/production_run_page.py" line="58"/>
        <source>{0} — no ERP quantity limit ({1:,} reserved so far)</source>
        <translation>{0} — keine ERP-Mengengrenze (bisher {1:,} reserviert)</translation>
    </message>
    <message>
        <location filename="../../app/ui/wizard/production_run_page.py" line="62"/>
        <source>{0} — {1:,} of {2:,} units left</source>
        <translation>{0} — {1:,} von {2:,} Einheiten frei</translation>
    </message>
    <message>
        <location filename="../../app/ui/wizard/production_run_page.py" line="66"/>
        <source>✖ {0} — fully used: 0 of {1:,} units left</source>
        <translation>✖ {0} — ausgeschöpft: 0 von {1:,} Einheiten frei</translation>
    </message>
    <message>
        <location filename="../../app/ui/wizard/production_run_page.py" line="82"/>
        <source>No ERP production runs are recorded for {0}. Press Next to continue.</source>
        <translation>Für {0} sind keine ERP-Produktionsläufe erfasst. Mit „Weiter“ fortfahren.</translation>
    </message>
    <message>
        <location filename="../../app/ui/wizard/production_run_page.py" line="86"/>
        <source>The batch will not be linked to a production run.</source>
        <translation>Der Auftrag wird mit keinem Produktionslauf verknüpft.</translation>
    </message>
    <message>
        <location filename="../../app/ui/wizard/production_run_page.py" line="89"/>
        <source>Run {0} has no ERP quantity limit.</source>
        <translation>Lauf {0} hat keine ERP-Mengengrenze.</translation>
    </message>
    <message>
        <location filename="../../app/ui/wizard/production_run_page.py" line="93"/>
        <source>At most {0:,} units can be minted on run {1}.</source>
        <translation>Im Lauf {1} können höchstens {0:,} Einheiten geprägt werden.</translation>
    </message>
</context>
<context>
    <name>ProductsPage</name>
    <message>
        <source>Select a product to see its passport fields and whether it is ready to mint.</source>
        <translation>Wählen Sie ein Produkt, um seine Passfelder zu sehen und ob es bereit zum Prägen ist.</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/products_page.py" line="96"/>
        <source>Search SKU, name or GTIN (or scan a barcode)</source>
        <translation>SKU, Name oder GTIN suchen (oder Barcode scannen)</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/products_page.py" line="99"/>
        <source>&amp;Import CSV…</source>
        <translation>CSV &amp;importieren…</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/products_page.py" line="155"/>
        <location filename="../../app/ui/pages/products_page.py" line="194"/>
        <source>Import products</source>
        <translation>Produkte importieren</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/products_page.py" line="155"/>
        <source>CSV files (*.csv);;All files (*)</source>
        <translation>CSV-Dateien (*.csv);;Alle Dateien (*)</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/products_page.py" line="162"/>
        <source>Importing {0}…</source>
        <translation>{0} wird importiert…</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/products_page.py" line="174"/>
        <source>{0}: {1} added, {2} updated</source>
        <translation>{0}: {1} hinzugefügt, {2} aktualisiert</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/products_page.py" line="180"/>
        <source>{0}: {1} bad row(s), nothing imported:
{2}</source>
        <translation>{0}: {1} fehlerhafte Zeile(n), nichts importiert:
{2}</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/products_page.py" line="192"/>
        <source>{0}: not imported: {1}</source>
        <translation>{0}: nicht importiert: {1}</translation>
    </message>
</context>
<context>
    <name>QrWidget</name>
    <message>
        <location filename="../../app/ui/widgets/qr_widget.py" line="21"/>
        <source>QR code</source>
        <translation>QR-Code</translation>
    </message>
</context>
<context>
    <name>ReviewPage</name>
    <message>
        <location filename="../../app/ui/wizard/review_page.py" line="80"/>
        <source>Review &amp; Submit</source>
        <translation>Prüfen &amp; Absenden</translation>
    </message>
    <message>
        <location filename="../../app/ui/wizard/review_page.py" line="83"/>
        <source>Check what will be minted. Submit queues the batch; it mints in the background.</source>
        <translation>Prüfen Sie, was geprägt wird. „Absenden“ stellt den Auftrag ein; er wird im Hintergrund geprägt.</translation>
    </message>
    <message>
        <location filename="../../app/ui/wizard/review_page.py" line="90"/>
        <source>Summary</source>
        <translation>Zusammenfassung</translation>
    </message>
    <message>
        <location filename="../../app/ui/wizard/review_page.py" line="93"/>
        <source>Eligibility</source>
        <translation>Zulässigkeit</translation>
    </message>
    <message>
        <location filename="../../app/ui/wizard/review_page.py" line="95"/>
        <source>Check &amp;again</source>
        <translation>&amp;Erneut prüfen</translation>
    </message>
    <message>
        <location filename="../../app/ui/wizard/review_page.py" line="127"/>
        <source>Working out the summary…</source>
        <translation>Zusammenfassung wird erstellt…</translation>
    </message>
    <message>
        <location filename="../../app/ui/wizard/review_page.py" line="128"/>
        <location filename="../../app/ui/wizard/review_page.py" line="238"/>
        <source>Checking eligibility…</source>
        <translation>Voraussetzungen werden geprüft…</translation>
    </message>
    <message>
        <location filename="../../app/ui/wizard/review_page.py" line="163"/>
        <source>Product</source>
        <translation>Produkt</translation>
    </message>
    <message>
        <location filename="../../app/ui/wizard/review_page.py" line="164"/>
        <source>GTIN</source>
        <translation>GTIN</translation>
    </message>
    <message>
        <location filename="../../app/ui/wizard/review_page.py" line="164"/>
        <location filename="../../app/ui/wizard/review_page.py" line="165"/>
        <location filename="../../app/ui/wizard/review_page.py" line="203"/>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <location filename="../../app/ui/wizard/review_page.py" line="165"/>
        <source>Production run</source>
        <translation>Produktionslauf</translation>
    </message>
    <message>
        <location filename="../../app/ui/wizard/review_page.py" line="166"/>
        <source>Count</source>
        <translation>Anzahl</translation>
    </message>
    <message>
        <location filename="../../app/ui/wizard/review_page.py" line="166"/>
        <source>{0:,} units</source>
        <translation>{0:,} Einheiten</translation>
    </message>
    <message>
        <location filename="../../app/ui/wizard/review_page.py" line="167"/>
        <source>Identity mode</source>
        <translation>Kennzeichnung</translation>
    </message>
    <message>
        <location filename="../../app/ui/wizard/review_page.py" line="168"/>
        <source>Activation</source>
        <translation>Aktivierung</translation>
    </message>
    <message>
        <location filename="../../app/ui/wizard/review_page.py" line="169"/>
        <source>Serial format</source>
        <translation>Seriennummernformat</translation>
    </message>
    <message>
        <location filename="../../app/ui/wizard/review_page.py" line="170"/>
        <source>RFID</source>
        <translation>RFID</translation>
    </message>
    <message>
        <location filename="../../app/ui/wizard/review_page.py" line="175"/>
        <source>First resolver URLs</source>
        <translation>Erste Resolver-URLs</translation>
    </message>
    <message>
        <location filename="../../app/ui/wizard/review_page.py" line="187"/>
        <source>Serial: one token per unit</source>
        <translation>Seriell: ein Token je Einheit</translation>
    </message>
    <message>
        <location filename="../../app/ui/wizard/review_page.py" line="189"/>
        <source>Lot: {0} lot(s) — {1}</source>
        <translation>Charge: {0} Charge(n) — {1}</translation>
    </message>
    <message>
        <location filename="../../app/ui/wizard/review_page.py" line="193"/>
        <source>At first scan: tokens go live when first scanned</source>
        <translation>Ab erstem Scan: Tokens werden beim ersten Scan aktiv</translation>
    </message>
    <message>
        <location filename="../../app/ui/wizard/review_page.py" line="194"/>
        <source>At mint: tokens are active as soon as they are minted</source>
        <translation>Ab Prägung: Tokens sind aktiv, sobald sie geprägt sind</translation>
    </message>
    <message>
        <location filename="../../app/ui/wizard/review_page.py" line="198"/>
        <source>No serial numbers: units are identified by their lot</source>
        <translation>Keine Seriennummern: Einheiten werden über ihre Charge gekennzeichnet</translation>
    </message>
    <message>
        <location filename="../../app/ui/wizard/review_page.py" line="204"/>
        <source>Sequential, prefix {0}, {1} digits: {2} … {3}</source>
        <translation>Fortlaufend, Präfix {0}, {1} Ziffern: {2} … {3}</translation>
    </message>
    <message>
        <location filename="../../app/ui/wizard/review_page.py" line="208"/>
        <source>From the imported file: {0} …</source>
        <translation>Aus der importierten Datei: {0} …</translation>
    </message>
    <message>
        <location filename="../../app/ui/wizard/review_page.py" line="210"/>
        <source>Random numbers up to 274,877,906,943, e.g. {0}</source>
        <translation>Zufallszahlen bis 274.877.906.943, z. B. {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/wizard/review_page.py" line="211"/>
        <source>Random, 12 letters and digits, e.g. {0}</source>
        <translation>Zufällig, 12 Buchstaben und Ziffern, z. B. {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/wizard/review_page.py" line="215"/>
        <source>Not for RFID: an SGTIN needs a serial per unit</source>
        <translation>Nicht für RFID: eine SGTIN braucht eine Seriennummer je Einheit</translation>
    </message>
    <message>
        <location filename="../../app/ui/wizard/review_page.py" line="220"/>
        <source>✔ All serials fit SGTIN-96 (any RFID tag)</source>
        <translation>✔ Alle Seriennummern passen in SGTIN-96 (jedes RFID-Etikett)</translation>
    </message>
    <message>
        <location filename="../../app/ui/wizard/review_page.py" line="222"/>
        <source>All serials need SGTIN-198 (tags with a 198-bit EPC bank)</source>
        <translation>Alle Seriennummern brauchen SGTIN-198 (Etiketten mit 198-Bit-EPC-Speicher)</translation>
    </message>
    <message>
        <location filename="../../app/ui/wizard/review_page.py" line="224"/>
        <source>{0:,} serials fit SGTIN-96; {1:,} need SGTIN-198</source>
        <translation>{0:,} Seriennummern passen in SGTIN-96; {1:,} brauchen SGTIN-198</translation>
    </message>
    <message>
        <location filename="../../app/ui/wizard/review_page.py" line="228"/>
        <source>(encoding needs the brand&apos;s GS1 company prefix)</source>
        <translation>(zum Codieren wird die GS1-Basisnummer der Marke benötigt)</translation>
    </message>
    <message>
        <location filename="../../app/ui/wizard/review_page.py" line="268"/>
        <source>the check failed: {0}</source>
        <translation>die Prüfung ist fehlgeschlagen: {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/wizard/review_page.py" line="273"/>
        <source>✔ Eligible: nothing blocks this batch.</source>
        <translation>✔ Zulässig: nichts steht diesem Auftrag entgegen.</translation>
    </message>
    <message>
        <location filename="../../app/ui/wizard/review_page.py" line="278"/>
        <source>• {0} serial(s) refused, listed below</source>
        <translation>• {0} Seriennummer(n) abgelehnt, unten aufgeführt</translation>
    </message>
    <message>
        <location filename="../../app/ui/wizard/review_page.py" line="281"/>
        <source>✖ Not eligible:
{0}</source>
        <translation>✖ Nicht zulässig:
{0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/wizard/review_page.py" line="304"/>
        <source>Submitting…</source>
        <translation>Wird abgesendet…</translation>
    </message>
    <message>
        <location filename="../../app/ui/wizard/review_page.py" line="337"/>
        <source>the submit failed: {0}</source>
        <translation>das Absenden ist fehlgeschlagen: {0}</translation>
    </message>
</context>
<context>
    <name>RowErrorTable</name>
    <message>
        <location filename="../../app/ui/wizard/serial_source_widget.py" line="44"/>
        <source>… and {0:,} more refused rows</source>
        <translation>… und {0:,} weitere abgelehnte Zeilen</translation>
    </message>
    <message>
        <location filename="../../app/ui/wizard/serial_source_widget.py" line="54"/>
        <source>Line</source>
        <translation>Zeile</translation>
    </message>
    <message>
        <location filename="../../app/ui/wizard/serial_source_widget.py" line="55"/>
        <source>Field</source>
        <translation>Feld</translation>
    </message>
    <message>
        <location filename="../../app/ui/wizard/serial_source_widget.py" line="56"/>
        <source>Problem</source>
        <translation>Problem</translation>
    </message>
    <message>
        <location filename="../../app/ui/wizard/serial_source_widget.py" line="62"/>
        <source>Refused rows</source>
        <translation>Abgelehnte Zeilen</translation>
    </message>
</context>
<context>
    <name>SelectSkuPage</name>
    <message>
        <location filename="../../app/ui/wizard/select_sku_page.py" line="29"/>
        <source>Select SKU</source>
        <translation>SKU wählen</translation>
    </message>
    <message>
        <location filename="../../app/ui/wizard/select_sku_page.py" line="32"/>
        <source>Search the catalogue by SKU, name or GTIN, or scan the product&apos;s barcode. Only a product marked “Ready to mint” can be chosen.</source>
        <translation>Durchsuchen Sie den Katalog nach SKU, Name oder GTIN, oder scannen Sie den Barcode des Produkts. Nur ein Produkt mit „Bereit zum Prägen“ kann gewählt werden.</translation>
    </message>
    <message>
        <location filename="../../app/ui/wizard/select_sku_page.py" line="37"/>
        <source>Type or scan: SKU, name, GTIN or barcode</source>
        <translation>Eingeben oder scannen: SKU, Name, GTIN oder Barcode</translation>
    </message>
    <message>
        <location filename="../../app/ui/wizard/select_sku_page.py" line="38"/>
        <source>Search products</source>
        <translation>Produkte suchen</translation>
    </message>
    <message>
        <location filename="../../app/ui/wizard/select_sku_page.py" line="42"/>
        <source>Products</source>
        <translation>Produkte</translation>
    </message>
    <message>
        <location filename="../../app/ui/wizard/select_sku_page.py" line="49"/>
        <source>Chosen product</source>
        <translation>Gewähltes Produkt</translation>
    </message>
    <message>
        <location filename="../../app/ui/wizard/select_sku_page.py" line="75"/>
        <source>{0} product(s) found, {1} ready to mint</source>
        <translation>{0} Produkt(e) gefunden, {1} bereit zum Prägen</translation>
    </message>
    <message>
        <location filename="../../app/ui/wizard/select_sku_page.py" line="86"/>
        <source>✔ Ready to mint</source>
        <translation>✔ Bereit zum Prägen</translation>
    </message>
    <message>
        <location filename="../../app/ui/wizard/select_sku_page.py" line="87"/>
        <source>GTIN {0}</source>
        <translation>GTIN {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/wizard/select_sku_page.py" line="87"/>
        <source>no GTIN</source>
        <translation>keine GTIN</translation>
    </message>
    <message>
        <location filename="../../app/ui/wizard/select_sku_page.py" line="89"/>
        <source>✖ Not ready</source>
        <translation>✖ Nicht bereit</translation>
    </message>
    <message>
        <location filename="../../app/ui/wizard/select_sku_page.py" line="90"/>
        <source>Missing: {0}</source>
        <translation>Es fehlt: {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/wizard/select_sku_page.py" line="108"/>
        <source>Choose a product marked “✔ Ready to mint”.</source>
        <translation>Wählen Sie ein Produkt mit „✔ Bereit zum Prägen“.</translation>
    </message>
    <message>
        <location filename="../../app/ui/wizard/select_sku_page.py" line="111"/>
        <source>✔ {0} — {1} is ready to mint.</source>
        <translation>✔ {0} — {1} ist bereit zum Prägen.</translation>
    </message>
    <message>
        <location filename="../../app/ui/wizard/select_sku_page.py" line="116"/>
        <source>✖ {0} cannot be chosen until this is fixed:
{1}</source>
        <translation>✖ {0} kann erst gewählt werden, wenn dies behoben ist:
{1}</translation>
    </message>
</context>
<context>
    <name>SerialSourceWidget</name>
    <message>
        <location filename="../../app/ui/wizard/serial_source_widget.py" line="75"/>
        <source>Serial source</source>
        <translation>Herkunft der Seriennummern</translation>
    </message>
    <message>
        <location filename="../../app/ui/wizard/serial_source_widget.py" line="77"/>
        <source>Sequential — a prefix and a running number</source>
        <translation>Fortlaufend — Präfix und laufende Nummer</translation>
    </message>
    <message>
        <location filename="../../app/ui/wizard/serial_source_widget.py" line="78"/>
        <source>Random — 12 letters and digits</source>
        <translation>Zufällig — 12 Buchstaben und Ziffern</translation>
    </message>
    <message>
        <location filename="../../app/ui/wizard/serial_source_widget.py" line="79"/>
        <source>Numeric random — fits RFID tags (SGTIN-96)</source>
        <translation>Zufallszahlen — passend für RFID-Etiketten (SGTIN-96)</translation>
    </message>
    <message>
        <location filename="../../app/ui/wizard/serial_source_widget.py" line="80"/>
        <source>Import a serial file (bring your own)</source>
        <translation>Seriennummern-Datei importieren (eigene Nummern)</translation>
    </message>
    <message>
        <location filename="../../app/ui/wizard/serial_source_widget.py" line="85"/>
        <source>optional, e.g. A-</source>
        <translation>optional, z. B. A-</translation>
    </message>
    <message>
        <location filename="../../app/ui/wizard/serial_source_widget.py" line="86"/>
        <source>Serial prefix</source>
        <translation>Präfix der Seriennummer</translation>
    </message>
    <message>
        <location filename="../../app/ui/wizard/serial_source_widget.py" line="90"/>
        <source>Digits</source>
        <translation>Ziffern</translation>
    </message>
    <message>
        <location filename="../../app/ui/wizard/serial_source_widget.py" line="91"/>
        <source>&amp;Continue after the last number used</source>
        <translation>Nach der zuletzt verwendeten Nummer &amp;fortsetzen</translation>
    </message>
    <message>
        <location filename="../../app/ui/wizard/serial_source_widget.py" line="98"/>
        <location filename="../../app/ui/wizard/serial_source_widget.py" line="107"/>
        <source>First number</source>
        <translation>Erste Nummer</translation>
    </message>
    <message>
        <location filename="../../app/ui/wizard/serial_source_widget.py" line="102"/>
        <source>&amp;Prefix</source>
        <translation>&amp;Präfix</translation>
    </message>
    <message>
        <location filename="../../app/ui/wizard/serial_source_widget.py" line="103"/>
        <source>&amp;Digits</source>
        <translation>&amp;Ziffern</translation>
    </message>
    <message>
        <location filename="../../app/ui/wizard/serial_source_widget.py" line="108"/>
        <source>C&amp;hoose serial file…</source>
        <translation>Seriennummern-&amp;Datei wählen…</translation>
    </message>
    <message>
        <location filename="../../app/ui/wizard/serial_source_widget.py" line="109"/>
        <source>No file chosen yet (CSV or text, one serial a line).</source>
        <translation>Noch keine Datei gewählt (CSV oder Text, eine Seriennummer je Zeile).</translation>
    </message>
    <message>
        <location filename="../../app/ui/wizard/serial_source_widget.py" line="152"/>
        <source>Serial file</source>
        <translation>Seriennummern-Datei</translation>
    </message>
    <message>
        <location filename="../../app/ui/wizard/serial_source_widget.py" line="152"/>
        <source>CSV or text files (*.csv *.txt);;All (*)</source>
        <translation>CSV- oder Textdateien (*.csv *.txt);;Alle (*)</translation>
    </message>
    <message>
        <location filename="../../app/ui/wizard/serial_source_widget.py" line="165"/>
        <source>has no serials</source>
        <translation>enthält keine Seriennummern</translation>
    </message>
    <message>
        <location filename="../../app/ui/wizard/serial_source_widget.py" line="172"/>
        <source>✖ {0}: {1} row(s) refused, listed below. Nothing will be minted from this file; fix it and choose it again.</source>
        <translation>✖ {0}: {1} Zeile(n) abgelehnt, unten aufgeführt. Aus dieser Datei wird nichts geprägt; korrigieren Sie sie und wählen Sie sie erneut.</translation>
    </message>
    <message>
        <location filename="../../app/ui/wizard/serial_source_widget.py" line="178"/>
        <source>✔ {0}: {1:,} serials read, all valid.</source>
        <translation>✔ {0}: {1:,} Seriennummern gelesen, alle gültig.</translation>
    </message>
    <message>
        <location filename="../../app/ui/wizard/serial_source_widget.py" line="193"/>
        <source>Choose a serial file.</source>
        <translation>Wählen Sie eine Seriennummern-Datei.</translation>
    </message>
    <message>
        <location filename="../../app/ui/wizard/serial_source_widget.py" line="183"/>
        <source>Reading {0}…</source>
        <translation>{0} wird gelesen …</translation>
    </message>
    <message>
        <location filename="../../app/ui/wizard/serial_source_widget.py" line="255"/>
        <source>Reading the serial file…</source>
        <translation>Die Seriennummern-Datei wird gelesen …</translation>
    </message>
    <message>
        <location filename="../../app/ui/wizard/serial_source_widget.py" line="195"/>
        <source>The serial file has refused rows.</source>
        <translation>Die Seriennummern-Datei enthält abgelehnte Zeilen.</translation>
    </message>
    <message>
        <location filename="../../app/ui/wizard/serial_source_widget.py" line="205"/>
        <source>Prefix: {0}</source>
        <translation>Präfix: {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/wizard/serial_source_widget.py" line="210"/>
        <source>Number {0} does not fit in {1} digits.</source>
        <translation>Die Nummer {0} passt nicht in {1} Ziffern.</translation>
    </message>
    <message>
        <location filename="../../app/ui/wizard/serial_source_widget.py" line="213"/>
        <source>Prefix and number make a serial over 20 characters.</source>
        <translation>Präfix und Nummer ergeben eine Seriennummer mit mehr als 20 Zeichen.</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../app/ui/dialogs/settings_dialog.py" line="51"/>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/settings_dialog.py" line="55"/>
        <source>&amp;Publish the default passport template</source>
        <translation>Standard-Pass&amp;vorlage veröffentlichen</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/settings_dialog.py" line="67"/>
        <source>System language</source>
        <translation>Systemsprache</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/settings_dialog.py" line="75"/>
        <source>Follow the system</source>
        <translation>Wie das System</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/settings_dialog.py" line="76"/>
        <source>Light</source>
        <translation>Hell</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/settings_dialog.py" line="77"/>
        <source>Dark</source>
        <translation>Dunkel</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/settings_dialog.py" line="83"/>
        <source>&amp;Language</source>
        <translation>&amp;Sprache</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/settings_dialog.py" line="85"/>
        <source>A new language is shown the next time Mint Station starts.</source>
        <translation>Eine neue Sprache wird beim nächsten Start von Mint Station angezeigt.</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/settings_dialog.py" line="87"/>
        <source>&amp;Theme</source>
        <translation>&amp;Farbschema</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/settings_dialog.py" line="90"/>
        <source>&amp;Brand</source>
        <translation>&amp;Marke</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/settings_dialog.py" line="91"/>
        <source>&amp;Database</source>
        <translation>&amp;Datenbank</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/settings_dialog.py" line="92"/>
        <source>Language &amp;&amp; &amp;theme</source>
        <translation>Sprache &amp;&amp; &amp;Farbschema</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/settings_dialog.py" line="94"/>
        <source>S&amp;ync</source>
        <translation>S&amp;ynchronisierung</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/settings_dialog.py" line="99"/>
        <source>&amp;Save</source>
        <translation>&amp;Speichern</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/settings_dialog.py" line="101"/>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/settings_dialog.py" line="117"/>
        <source>✔ Passport template “{0}” is published.</source>
        <translation>✔ Passvorlage „{0}“ ist veröffentlicht.</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/settings_dialog.py" line="121"/>
        <source>✖ No passport template is published: nothing can be minted yet.</source>
        <translation>✖ Keine Passvorlage veröffentlicht: noch kann nichts geprägt werden.</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/settings_dialog.py" line="137"/>
        <source>✖ The database could not be opened; nothing was saved.</source>
        <translation>✖ Die Datenbank konnte nicht geöffnet werden; nichts wurde gespeichert.</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/settings_dialog.py" line="142"/>
        <location filename="../../app/ui/dialogs/settings_dialog.py" line="147"/>
        <source>✖ {0}</source>
        <translation>✖ {0}</translation>
    </message>
</context>
<context>
    <name>StationsPage</name>
    <message>
        <source>Looking for readers and printers…</source>
        <translation>Suche nach Lesegeräten und Druckern…</translation>
    </message>
    <message>
        <source>{0} device(s) found</source>
        <translation>{0} Gerät(e) gefunden</translation>
    </message>
    <message>
        <source>No NFC reader found on USB. Plug one in and press F5, type its path (e.g. usb or tty:USB0:pn532), or use the simulator.</source>
        <translation>Kein NFC-Lesegerät an USB gefunden. Schließen Sie eines an und drücken Sie F5, geben Sie seinen Pfad ein (z. B. usb oder tty:USB0:pn532) oder nutzen Sie den Simulator.</translation>
    </message>
    <message>
        <source>No serial printer-encoder found. Connect one and press F5, type its port (/dev/ttyUSB0) or socket://printer:9100, or use the simulator.</source>
        <translation>Kein serieller Drucker-Encoder gefunden. Schließen Sie einen an und drücken Sie F5, geben Sie seinen Anschluss ein (/dev/ttyUSB0) oder socket://printer:9100 oder nutzen Sie den Simulator.</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/stations_page.py" line="52"/>
        <source>NFC tags</source>
        <translation>NFC-Tags</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/stations_page.py" line="53"/>
        <source>RFID labels (ZPL printer-encoder)</source>
        <translation>RFID-Etiketten (ZPL-Drucker-Encoder)</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/stations_page.py" line="57"/>
        <source>usb, usb:VID:PID, tty:USB0:pn532, /dev/ttyUSB0, socket://printer:9100</source>
        <translation>usb, usb:VID:PID, tty:USB0:pn532, /dev/ttyUSB0, socket://drucker:9100</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/stations_page.py" line="59"/>
        <source>Use the built-in simulator (demo)</source>
        <translation>Eingebauten Simulator verwenden (Demo)</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/stations_page.py" line="63"/>
        <source>whole batch</source>
        <translation>ganzer Auftrag</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/stations_page.py" line="64"/>
        <source>pack </source>
        <translation>Paket </translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/stations_page.py" line="65"/>
        <source>Lock NFC tags for good after writing</source>
        <translation>NFC-Tags nach dem Schreiben dauerhaft sperren</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/stations_page.py" line="69"/>
        <source>&amp;Encode onto</source>
        <translation>&amp;Kodieren auf</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/stations_page.py" line="70"/>
        <source>&amp;Device</source>
        <translation>&amp;Gerät</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/stations_page.py" line="72"/>
        <source>&amp;Batch</source>
        <translation>Au&amp;ftrag</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/stations_page.py" line="73"/>
        <source>&amp;Pack</source>
        <translation>&amp;Paket</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/stations_page.py" line="93"/>
        <source>&amp;Start (Ctrl+Enter)</source>
        <translation>&amp;Start (Strg+Eingabe)</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/stations_page.py" line="94"/>
        <location filename="../../app/ui/pages/stations_page.py" line="210"/>
        <source>Pa&amp;use (Space)</source>
        <translation>Pa&amp;use (Leertaste)</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/stations_page.py" line="95"/>
        <source>S&amp;top (Esc)</source>
        <translation>S&amp;topp (Esc)</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/stations_page.py" line="113"/>
        <source>Last errors</source>
        <translation>Letzte Fehler</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/stations_page.py" line="116"/>
        <source>Ready</source>
        <translation>Bereit</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/stations_page.py" line="148"/>
        <source>Choose a minted batch first</source>
        <translation>Zuerst einen geprägten Auftrag wählen</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/stations_page.py" line="152"/>
        <source>Choose a device, or the simulator</source>
        <translation>Ein Gerät oder den Simulator wählen</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/stations_page.py" line="183"/>
        <source>Starting…</source>
        <translation>Startet…</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/stations_page.py" line="192"/>
        <source>Resumed</source>
        <translation>Fortgesetzt</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/stations_page.py" line="194"/>
        <source>paused by the operator</source>
        <translation>vom Bediener angehalten</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/stations_page.py" line="195"/>
        <source>Paused</source>
        <translation>Angehalten</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/stations_page.py" line="201"/>
        <source>Stopping after the current unit…</source>
        <translation>Stoppt nach der aktuellen Einheit…</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/stations_page.py" line="210"/>
        <source>Res&amp;ume (Space)</source>
        <translation>&amp;Fortsetzen (Leertaste)</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/stations_page.py" line="226"/>
        <source>Done {0} · Failed attempts {1} · Remaining {2}</source>
        <translation>Fertig {0} · Fehlversuche {1} · Verbleibend {2}</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/stations_page.py" line="232"/>
        <source>Current unit: {0}</source>
        <translation>Aktuelle Einheit: {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/stations_page.py" line="233"/>
        <source>Present a tag</source>
        <translation>Tag auflegen</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/stations_page.py" line="236"/>
        <source>Encoded: {0} {1}</source>
        <translation>Kodiert: {0} {1}</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/stations_page.py" line="237"/>
        <source>Encoded</source>
        <translation>Kodiert</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/stations_page.py" line="244"/>
        <source>Failed: {0}</source>
        <translation>Fehlgeschlagen: {0}</translation>
    </message>
</context>
<context>
    <name>SyncSettingsWidget</name>
    <message>
        <location filename="../../app/ui/dialogs/sync_settings.py" line="22"/>
        <source>as printed by `resolver credentials create`</source>
        <translation>wie von `resolver credentials create` ausgegeben</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/sync_settings.py" line="26"/>
        <source>Resolver URL</source>
        <translation>Resolver-URL</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/sync_settings.py" line="27"/>
        <source>Key id</source>
        <translation>Schlüssel-ID</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/sync_settings.py" line="28"/>
        <source>Secret</source>
        <translation>Geheimnis</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/sync_settings.py" line="29"/>
        <source>State</source>
        <translation>Zustand</translation>
    </message>
</context>
<context>
    <name>TemplateEditorDialog</name>
    <message>
        <location filename="../../app/ui/dialogs/template_editor.py" line="94"/>
        <source>Label template</source>
        <translation>Etikettenvorlage</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/template_editor.py" line="103"/>
        <source>(start from a preset)</source>
        <translation>(mit einer Vorgabe beginnen)</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/template_editor.py" line="114"/>
        <source> dots</source>
        <translation> Punkte</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/template_editor.py" line="121"/>
        <source>Field</source>
        <translation>Feld</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/template_editor.py" line="124"/>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/template_editor.py" line="125"/>
        <source>Anchor</source>
        <translation>Anker</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/template_editor.py" line="126"/>
        <source>Bold</source>
        <translation>Fett</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/template_editor.py" line="127"/>
        <source>Text</source>
        <translation>Text</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/template_editor.py" line="130"/>
        <source>Fields: {0}</source>
        <translation>Felder: {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/template_editor.py" line="132"/>
        <source>Add text</source>
        <translation>Text hinzufügen</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/template_editor.py" line="133"/>
        <source>Remove text</source>
        <translation>Text entfernen</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/template_editor.py" line="136"/>
        <source>Brand logo</source>
        <translation>Markenlogo</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/template_editor.py" line="138"/>
        <source>Labels on sheets</source>
        <translation>Etiketten auf Bögen</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/template_editor.py" line="146"/>
        <source>&amp;Name</source>
        <translation>&amp;Name</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/template_editor.py" line="147"/>
        <source>&amp;Preset</source>
        <translation>&amp;Vorgabe</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/template_editor.py" line="152"/>
        <source>Label size</source>
        <translation>Etikettengröße</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/template_editor.py" line="155"/>
        <source>minimum module</source>
        <translation>kleinstes Modul</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/template_editor.py" line="157"/>
        <source>Printer</source>
        <translation>Drucker</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/template_editor.py" line="161"/>
        <source>QR code (x, y, size, error level)</source>
        <translation>QR-Code (x, y, Größe, Fehlerkorrektur)</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/template_editor.py" line="166"/>
        <source>Logo (x, y, width, height)</source>
        <translation>Logo (x, y, Breite, Höhe)</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/template_editor.py" line="167"/>
        <source>Sheet (page size, columns × rows, left, top, pitch)</source>
        <translation>Bogen (Seitengröße, Spalten × Zeilen, links, oben, Abstand)</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/template_editor.py" line="191"/>
        <source>&amp;Save</source>
        <translation>&amp;Speichern</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/template_editor.py" line="193"/>
        <source>Save as &amp;default</source>
        <translation>Als &amp;Standard speichern</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/template_editor.py" line="194"/>
        <source>&amp;Export…</source>
        <translation>&amp;Exportieren…</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/template_editor.py" line="195"/>
        <source>&amp;Import…</source>
        <translation>&amp;Importieren…</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/template_editor.py" line="207"/>
        <source>Text fields</source>
        <translation>Textfelder</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/template_editor.py" line="212"/>
        <source>Preview of the first unit</source>
        <translation>Vorschau der ersten Einheit</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/template_editor.py" line="395"/>
        <source>QR version {0} · {1} modules · module {2:.3f} mm = {3:.2f} dots at {4} dpi · quiet zone {5:.1f} modules</source>
        <translation>QR-Version {0} · {1} Module · Modul {2:.3f} mm = {3:.2f} Punkte bei {4} dpi · Ruhezone {5:.1f} Module</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/template_editor.py" line="423"/>
        <source>✔ No warnings: the code prints cleanly</source>
        <translation>✔ Keine Warnungen: der Code wird sauber gedruckt</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/template_editor.py" line="458"/>
        <source>Export template</source>
        <translation>Vorlage exportieren</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/template_editor.py" line="472"/>
        <source>Import template</source>
        <translation>Vorlage importieren</translation>
    </message>
</context>
<context>
    <name>TokenPreview</name>
    <message>
        <location filename="../../app/ui/widgets/token_preview.py" line="33"/>
        <source>Token ID</source>
        <translation>Token-ID</translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets/token_preview.py" line="34"/>
        <source>Resolver URL</source>
        <translation>Resolver-URL</translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets/token_preview.py" line="35"/>
        <source>GTIN (01)</source>
        <translation>GTIN (01)</translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets/token_preview.py" line="36"/>
        <source>Lot (10)</source>
        <translation>Charge (10)</translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets/token_preview.py" line="37"/>
        <source>Serial (21)</source>
        <translation>Seriennummer (21)</translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets/token_preview.py" line="38"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets/token_preview.py" line="39"/>
        <source>Activation</source>
        <translation>Aktivierung</translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets/token_preview.py" line="40"/>
        <source>Created</source>
        <translation>Erstellt</translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets/token_preview.py" line="41"/>
        <source>Revoked</source>
        <translation>Widerrufen</translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets/token_preview.py" line="56"/>
        <source>Select a token in the list, or scan one, to see its QR code and details.</source>
        <translation>Wählen Sie einen Token in der Liste oder scannen Sie einen, um seinen QR-Code und seine Details zu sehen.</translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets/token_preview.py" line="58"/>
        <source>&amp;Copy URL</source>
        <translation>URL &amp;kopieren</translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets/token_preview.py" line="59"/>
        <source>&amp;Revoke…</source>
        <translation>&amp;Widerrufen…</translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets/token_preview.py" line="60"/>
        <source>&amp;Save QR…</source>
        <translation>QR &amp;speichern…</translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets/token_preview.py" line="70"/>
        <source>Encoding history</source>
        <translation>Codierverlauf</translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets/token_preview.py" line="111"/>
        <source>not encoded yet</source>
        <translation>noch nicht codiert</translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets/token_preview.py" line="128"/>
        <location filename="../../app/ui/widgets/token_preview.py" line="153"/>
        <source>Revoke token</source>
        <translation>Token widerrufen</translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets/token_preview.py" line="129"/>
        <source>Revoking is final. Reason for revoking {0}:</source>
        <translation>Ein Widerruf ist endgültig. Grund für den Widerruf von {0}:</translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets/token_preview.py" line="162"/>
        <source>Save QR code</source>
        <translation>QR-Code speichern</translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets/token_preview.py" line="164"/>
        <source>SVG (*.svg);;PNG (*.png)</source>
        <translation>SVG (*.svg);;PNG (*.png)</translation>
    </message>
</context>
<context>
    <name>TokenStatus</name>
    <message>
        <location filename="../../app/ui/status_words.py" line="34"/>
        <source>minted</source>
        <translation>geprägt</translation>
    </message>
    <message>
        <location filename="../../app/ui/status_words.py" line="35"/>
        <source>active</source>
        <translation>aktiv</translation>
    </message>
    <message>
        <location filename="../../app/ui/status_words.py" line="36"/>
        <source>revoked</source>
        <translation>widerrufen</translation>
    </message>
</context>
<context>
    <name>TokenTableModel</name>
    <message>
        <location filename="../../app/ui/models/token_table_model.py" line="94"/>
        <source>Token ID</source>
        <translation>Token-ID</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/token_table_model.py" line="95"/>
        <source>Serial / lot</source>
        <translation>Seriennummer / Charge</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/token_table_model.py" line="96"/>
        <source>GTIN</source>
        <translation>GTIN</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/token_table_model.py" line="97"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/token_table_model.py" line="98"/>
        <source>Batch</source>
        <translation>Auftrag</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/token_table_model.py" line="99"/>
        <source>Created</source>
        <translation>Erstellt</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/token_table_model.py" line="134"/>
        <source>{0:,} token(s) found by the scan</source>
        <translation>{0:,} Token durch den Scan gefunden</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/token_table_model.py" line="145"/>
        <source>{0:,} tokens</source>
        <translation>{0:,} Token</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/token_table_model.py" line="152"/>
        <source>Searching…</source>
        <translation>Suche läuft…</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/token_table_model.py" line="156"/>
        <source>Filtering…</source>
        <translation>Filter läuft…</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/token_table_model.py" line="179"/>
        <source>first {0:,} of {1:,} matches: refine the search to see the rest</source>
        <translation>die ersten {0:,} von {1:,} Treffern: Suche verfeinern, um den Rest zu sehen</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/token_table_model.py" line="182"/>
        <source>{0:,} match(es)</source>
        <translation>{0:,} Treffer</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/token_table_model.py" line="186"/>
        <source>{0:,} {1} tokens</source>
        <translation>{0:,} Token mit Status {1}</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/token_table_model.py" line="191"/>
        <source>The filter failed: {0}</source>
        <translation>Der Filter ist fehlgeschlagen: {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/token_table_model.py" line="333"/>
        <source>lot {0}</source>
        <translation>Charge {0}</translation>
    </message>
</context>
<context>
    <name>TokensPage</name>
    <message>
        <location filename="../../app/ui/pages/tokens_page.py" line="34"/>
        <source>Batch filter</source>
        <translation>Auftragsfilter</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/tokens_page.py" line="36"/>
        <source>Status filter</source>
        <translation>Statusfilter</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/tokens_page.py" line="38"/>
        <source>any status</source>
        <translation>jeder Status</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/tokens_page.py" line="40"/>
        <source>Search serial, lot, GTIN or token id</source>
        <translation>Seriennummer, Charge, GTIN oder Token-ID suchen</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/tokens_page.py" line="43"/>
        <source>Scan here (Digital Link or GS1 element string)</source>
        <translation>Hier scannen (Digital Link oder GS1-Elementstring)</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/tokens_page.py" line="44"/>
        <source>Scan field</source>
        <translation>Scanfeld</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/tokens_page.py" line="49"/>
        <source>Tokens shown</source>
        <translation>Angezeigte Token</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/tokens_page.py" line="95"/>
        <source>all batches</source>
        <translation>alle Aufträge</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/tokens_page.py" line="129"/>
        <source>Scan not understood: {0}</source>
        <translation>Scan nicht verstanden: {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/tokens_page.py" line="132"/>
        <source>No token matches the scan {0}</source>
        <translation>Kein Token passt zum Scan {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/tokens_page.py" line="134"/>
        <source>Found {0} token(s)</source>
        <translation>{0} Token gefunden</translation>
    </message>
</context>
<context>
    <name>VerifyPage</name>
    <message>
        <location filename="../../app/ui/pages/verify_page.py" line="35"/>
        <source>Verified</source>
        <translation>Geprüft</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/verify_page.py" line="36"/>
        <source>Duplicate</source>
        <translation>Doppelt</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/verify_page.py" line="37"/>
        <source>Not printed</source>
        <translation>Nicht gedruckt</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/verify_page.py" line="38"/>
        <source>Other batch</source>
        <translation>Anderer Auftrag</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/verify_page.py" line="39"/>
        <source>Unknown</source>
        <translation>Unbekannt</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/verify_page.py" line="40"/>
        <source>Revoked</source>
        <translation>Widerrufen</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/verify_page.py" line="41"/>
        <source>Unreadable</source>
        <translation>Unlesbar</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/verify_page.py" line="60"/>
        <source>Start a new run (the open one is finished)</source>
        <translation>Neuen Lauf beginnen (der offene wird abgeschlossen)</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/verify_page.py" line="61"/>
        <source>&amp;Start verifying</source>
        <translation>Prüfung &amp;starten</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/verify_page.py" line="62"/>
        <source>&amp;Finish run</source>
        <translation>Lauf &amp;abschließen</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/verify_page.py" line="71"/>
        <source>Scan here (the scanner types and ends with Enter)</source>
        <translation>Hier scannen (der Scanner tippt und endet mit Eingabe)</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/verify_page.py" line="73"/>
        <source>Scan input</source>
        <translation>Scan-Eingabe</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/verify_page.py" line="104"/>
        <source>&amp;Batch</source>
        <translation>&amp;Auftrag</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/verify_page.py" line="112"/>
        <source>Last scans</source>
        <translation>Letzte Scans</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/verify_page.py" line="115"/>
        <source>Printed but never verified</source>
        <translation>Gedruckt, aber nie geprüft</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/verify_page.py" line="127"/>
        <source>Choose a batch and start verifying</source>
        <translation>Auftrag wählen und Prüfung starten</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/verify_page.py" line="198"/>
        <source>continued</source>
        <translation>fortgesetzt</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/verify_page.py" line="198"/>
        <source>started</source>
        <translation>gestartet</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/verify_page.py" line="200"/>
        <source>Run {0} on batch {1} {2}</source>
        <translation>Lauf {0} für Auftrag {1} {2}</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/verify_page.py" line="203"/>
        <source>Ready: scan the labels</source>
        <translation>Bereit: Etiketten scannen</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/verify_page.py" line="210"/>
        <location filename="../../app/ui/pages/verify_page.py" line="229"/>
        <source>unit {0}</source>
        <translation>Einheit {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/verify_page.py" line="238"/>
        <source>unit {0}  {1}</source>
        <translation>Einheit {0}  {1}</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/verify_page.py" line="243"/>
        <source>{0} printed unit(s) never verified</source>
        <translation>{0} gedruckte Einheit(en) nie geprüft</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/verify_page.py" line="246"/>
        <source>Every printed unit is verified</source>
        <translation>Jede gedruckte Einheit ist geprüft</translation>
    </message>
    <message>
        <source>Run {0} on batch {1} {2} · printed {3} unit(s) on {4} label(s), {5} reprint(s)</source>
        <translation>Lauf {0} auf Auftrag {1} {2} · {3} Einheit(en) auf {4} Etikett(en) gedruckt, {5} Nachdruck(e)</translation>
    </message>
    <message>
        <source>finished</source>
        <translation>beendet</translation>
    </message>
    <message>
        <source>open</source>
        <translation>offen</translation>
    </message>
</context>
</TS>
