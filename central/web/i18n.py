"""The staff console's words in bokmål (the default), nynorsk and English.

A small catalogue, not Qt's: the console runs in the store, which never imports Qt. A missing
key is a bug that tests/web/test_console_i18n.py finds; at run time it shows the key itself.
"""

from __future__ import annotations

LANGUAGES = ("nb", "nn", "en")
DEFAULT = "nb"
LANGUAGE_NAMES = {"nb": "Bokmål", "nn": "Nynorsk", "en": "English"}

# key: (nb, nn, en)
CATALOGUE: dict[str, tuple[str, str, str]] = {
    "app": ("RegionLab personalside", "RegionLab personalside", "RegionLab staff console"),
    "skip": ("Hopp til innholdet", "Hopp til innhaldet", "Skip to content"),
    "language": ("Språk", "Språk", "Language"),
    "nav": ("Hovedmeny", "Hovudmeny", "Main menu"),
    "today": ("I dag", "I dag", "Today"),
    "people": ("Personer", "Personar", "People"),
    "kiosks": ("Kiosker", "Kioskar", "Kiosks"),
    "audit": ("Revisjonslogg", "Revisjonslogg", "Audit log"),
    "log_in": ("Logg inn", "Logg inn", "Log in"),
    "log_out": ("Logg ut", "Logg ut", "Log out"),
    "email": ("E-post", "E-post", "E-mail"),
    "password": ("Passord", "Passord", "Password"),
    "logged_in_as": ("Innlogget som", "Innlogga som", "Logged in as"),
    "bad_login": (
        "Feil e-post eller passord.",
        "Feil e-post eller passord.",
        "Wrong e-mail or password.",
    ),
    "locked": (
        "For mange mislykkede forsøk. Kontoen er låst i 15 minutter.",
        "For mange mislukka forsøk. Kontoen er låst i 15 minutt.",
        "Too many failed attempts. The account is locked for 15 minutes.",
    ),
    "csrf": (
        "Skjemaet var utløpt eller kom ikke fra denne siden. Last siden på nytt og prøv igjen.",
        "Skjemaet var utgått eller kom ikkje frå denne sida. Last sida på nytt og prøv igjen.",
        "The form had expired or did not come from this page. Reload the page and try again.",
    ),
    "forbidden": (
        "Du har ikke tilgang til denne siden.",
        "Du har ikkje tilgang til denne sida.",
        "You do not have access to this page.",
    ),
    "not_found": ("Fant ikke siden.", "Fann ikkje sida.", "Page not found."),
    "error": ("Noe gikk galt", "Noko gjekk gale", "Something went wrong"),
    "back": ("Tilbake", "Tilbake", "Back"),
    "site": ("Bygg", "Bygg", "Site"),
    "show": ("Vis", "Vis", "Show"),
    "analyst_title": ("Rapporter", "Rapportar", "Reports"),
    "analyst_text": (
        "Som analytiker ser du bare rapporter, aldri navn. Rapportene kommer i en senere "
        "versjon; det finnes ingen rapportside ennå.",
        "Som analytikar ser du berre rapportar, aldri namn. Rapportane kjem i ei seinare "
        "utgåve; det finst inga rapportside enno.",
        "As an analyst you see reports only, never a name. The reports come in a later "
        "version; there is no reports page yet.",
    ),
    # Today
    "in_now": ("Til stede nå", "Til stades no", "In the building now"),
    "evacuation": ("Evakueringsliste", "Evakueringsliste", "Evacuation list"),
    "print_view": ("Utskriftsvisning", "Utskriftsvising", "Print view"),
    "nobody_in": ("Ingen er sjekket inn.", "Ingen er sjekka inn.", "Nobody is checked in."),
    "name": ("Navn", "Namn", "Name"),
    "organisation": ("Organisasjon", "Organisasjon", "Organisation"),
    "desk_or_zone": ("Pult eller sone", "Pult eller sone", "Desk or zone"),
    "time_in": ("Inn", "Inn", "Time in"),
    "roll_call": ("Opprop", "Opprop", "Roll call"),
    "seen": ("Sett", "Sett", "Seen"),
    "not_seen": ("Ikke sett", "Ikkje sett", "Not seen"),
    "mark_seen": ("Merk som sett", "Merk som sett", "Mark as seen"),
    "unmark": ("Angre", "Angre", "Undo"),
    "seen_by": ("sett av", "sett av", "seen by"),
    "count_seen": ("sett", "sett", "seen"),
    "of": ("av", "av", "of"),
    "guest": ("gjest", "gjest", "guest"),
    "zone": ("sone", "sone", "zone"),
    "desk": ("pult", "pult", "desk"),
    "expected_guests": ("Ventede gjester i dag", "Venta gjester i dag", "Expected guests today"),
    "no_guests": (
        "Ingen gjester er invitert i dag.",
        "Ingen gjester er inviterte i dag.",
        "No guests are invited today.",
    ),
    "host": ("Vert", "Vert", "Host"),
    "arrived": ("Kommet", "Komen", "Arrived"),
    "yes": ("Ja", "Ja", "Yes"),
    "no": ("Nei", "Nei", "No"),
    "lunch_talk": ("Dagens lunsjprat", "Dagens lunsjprat", "Today's lunch talk"),
    "no_lunch": ("Ingen lunsjprat i dag.", "Ingen lunsjprat i dag.", "No lunch talk today."),
    "signed_up": ("påmeldt", "påmeld", "signed up"),
    "room": ("Rom", "Rom", "Room"),
    "cancelled": ("avlyst", "avlyst", "cancelled"),
    "kiosk_state": ("Kioskene", "Kioskane", "The kiosks"),
    "no_kiosks": (
        "Ingen kiosker er satt opp.",
        "Ingen kioskar er sette opp.",
        "No kiosks are set up.",
    ),
    "kiosk": ("Kiosk", "Kiosk", "Kiosk"),
    "state": ("Tilstand", "Tilstand", "State"),
    "online": ("Tilkoblet", "Tilkopla", "Online"),
    "offline": ("Frakoblet", "Fråkopla", "Offline"),
    "revoked": ("Tilbakekalt", "Tilbakekalla", "Revoked"),
    "last_seen": ("Sist sett", "Sist sett", "Last seen"),
    "never": ("aldri", "aldri", "never"),
    "waiting": ("Hendelser som venter", "Hendingar som ventar", "Events waiting"),
    "set_aside": ("Lagt til side", "Lagd til sides", "Set aside"),
    "version": ("Versjon", "Versjon", "Version"),
    "refresh_hint": (
        "Last siden på nytt for å se andres avkrysninger.",
        "Last sida på nytt for å sjå avkryssingane til andre.",
        "Reload the page to see the others' ticks.",
    ),
    # People
    "search": ("Søk", "Søk", "Search"),
    "search_label": ("Navn eller e-post", "Namn eller e-post", "Name or e-mail"),
    "add_person": ("Legg til person", "Legg til person", "Add a person"),
    "import": ("Importer liste", "Importer liste", "Import a list"),
    "active": ("Aktiv", "Aktiv", "Active"),
    "inactive": ("Deaktivert", "Deaktivert", "Deactivated"),
    "edit": ("Rediger", "Rediger", "Edit"),
    "no_people": ("Ingen treff.", "Ingen treff.", "No matches."),
    "showing": ("Viser", "Viser", "Showing"),
    "previous": ("Forrige side", "Førre side", "Previous page"),
    "next": ("Neste side", "Neste side", "Next page"),
    "page": ("Side", "Side", "Page"),
    "given_name": ("Fornavn", "Førenamn", "Given name"),
    "family_name": ("Etternavn", "Etternamn", "Family name"),
    "cluster": ("Klynge", "Klynge", "Cluster"),
    "none": ("Ingen", "Ingen", "None"),
    "save": ("Lagre", "Lagre", "Save"),
    "saved": ("Lagret.", "Lagra.", "Saved."),
    "deactivate": ("Deaktiver", "Deaktiver", "Deactivate"),
    "reactivate": ("Aktiver igjen", "Aktiver igjen", "Reactivate"),
    "pin": ("PIN-kode", "PIN-kode", "PIN"),
    "pin_help": (
        "4–6 sifre, for utsjekking og pultvalg med navn på kiosken. La feltet stå tomt for å "
        "lage en tilfeldig PIN-kode.",
        "4–6 siffer, for utsjekking og pultval med namn på kiosken. La feltet stå tomt for å "
        "laga ein tilfeldig PIN-kode.",
        "4–6 digits, for checking out and claiming a desk by name at the kiosk. Leave it empty "
        "for a random PIN.",
    ),
    "set_pin": ("Sett PIN-kode", "Set PIN-kode", "Set PIN"),
    "pin_is": ("Ny PIN-kode", "Ny PIN-kode", "New PIN"),
    "pin_once": (
        "Vises bare nå: gi den til personen. Bare en hash lagres.",
        "Blir vist berre no: gje han til personen. Berre ein hash blir lagra.",
        "Shown only now: give it to the person. Only a hash is stored.",
    ),
    "pin_bad": (
        "En PIN-kode er 4 til 6 sifre.",
        "Ein PIN-kode er 4 til 6 siffer.",
        "A PIN is 4 to 6 digits.",
    ),
    "has_pin": ("Har PIN-kode", "Har PIN-kode", "Has a PIN"),
    "email_taken": (
        "E-postadressen er allerede i bruk.",
        "E-postadressa er alt i bruk.",
        "The e-mail address is already in use.",
    ),
    "email_bad": ("Ugyldig e-postadresse.", "Ugyldig e-postadresse.", "Not an e-mail address."),
    "name_missing": (
        "Skriv fornavn og etternavn.",
        "Skriv førenamn og etternamn.",
        "Enter the given and family name.",
    ),
    "required": ("påkrevd", "påkravd", "required"),
    "fix_errors": ("Rett feilene under.", "Rett feila under.", "Correct the errors below."),
    # Passes
    "pass": ("Adgangskort", "Tilgangskort", "Pass"),
    "passes": ("Adgangskort (QR)", "Tilgangskort (QR)", "Passes (QR)"),
    "issue_pass": ("Lag nytt adgangskort", "Lag nytt tilgangskort", "Issue a new pass"),
    "revoke_passes": ("Tilbakekall alle kortene", "Tilbakekall alle korta", "Revoke every pass"),
    "no_passes": ("Ingen adgangskort.", "Ingen tilgangskort.", "No passes."),
    "valid": ("Gyldig", "Gyldig", "Valid"),
    "pass_alt": ("QR-kode, adgangskort for", "QR-kode, tilgangskort for", "QR code, the pass of"),
    "pass_print": (
        "Skriv ut siden (Ctrl+P), eller lagre den som PDF. Menyen og teksten her blir ikke med.",
        "Skriv ut sida (Ctrl+P), eller lagra ho som PDF. Menyen og teksten her kjem ikkje med.",
        "Print the page (Ctrl+P), or save it as PDF. The menu and this text are left out.",
    ),
    "pass_refused": (
        "Adgangskort lages bare for aktive medlemmer.",
        "Tilgangskort blir berre laga for aktive medlemmer.",
        "Passes are issued to active members only.",
    ),
    # Import
    "import_file": ("Fil (CSV eller XLSX)", "Fil (CSV eller XLSX)", "File (CSV or XLSX)"),
    "import_help": (
        "Kolonnene navn, e-post og organisasjon; klynge kan være med.",
        "Kolonnane namn, e-post og organisasjon; klynge kan vere med.",
        "Columns name, e-mail and organisation; cluster is optional.",
    ),
    "deactivate_missing": (
        "Deaktiver medlemmer som ikke står i fila",
        "Deaktiver medlemmer som ikkje står i fila",
        "Deactivate members who are not in the file",
    ),
    "create_orgs": (
        "Opprett organisasjoner som ikke finnes",
        "Opprett organisasjonar som ikkje finst",
        "Create organisations that do not exist",
    ),
    "preview": ("Forhåndsvis", "Førehandsvis", "Preview"),
    "preview_title": ("Dette vil endres", "Dette vil bli endra", "What will change"),
    "rows_read": ("rader lest", "rader lesne", "rows read"),
    "to_add": ("nye", "nye", "to add"),
    "to_update": ("endres", "blir endra", "to update"),
    "unchanged": ("uendret", "uendra", "unchanged"),
    "to_deactivate": ("deaktiveres", "blir deaktiverte", "to deactivate"),
    "new_orgs": ("nye organisasjoner", "nye organisasjonar", "new organisations"),
    "bad_rows": ("Rader med feil", "Rader med feil", "Rows with errors"),
    "line": ("Linje", "Linje", "Line"),
    "problem": ("Feil", "Feil", "Problem"),
    "bad_rows_skipped": (
        "Radene med feil blir hoppet over hvis du importerer.",
        "Radene med feil blir hoppa over om du importerer.",
        "The rows with errors are skipped if you import.",
    ),
    "confirm_import": ("Importer", "Importer", "Import"),
    "imported": ("Importert", "Importert", "Imported"),
    "skipped": ("hoppet over", "hoppa over", "skipped"),
    "no_file": ("Velg en fil.", "Vel ei fil.", "Choose a file."),
    "file_too_big": (
        "Fila er for stor (over 20 MB).",
        "Fila er for stor (over 20 MB).",
        "The file is too large (over 20 MB).",
    ),
    "change": ("Endring", "Endring", "Change"),
    "nothing_to_import": ("Ingenting å importere.", "Ingenting å importera.", "Nothing to import."),
    # Kiosks
    "provision": ("Sett opp en ny kiosk", "Set opp ein ny kiosk", "Set up a new kiosk"),
    "kiosk_name": (
        "Kioskens navn (valgfritt)",
        "Namnet på kiosken (valfritt)",
        "The kiosk's name (optional)",
    ),
    "kiosk_name_help": (
        "Små bokstaver, sifre og bindestrek. Tomt gir et navn som lyngdal-3.",
        "Små bokstavar, siffer og bindestrek. Tomt gjev eit namn som lyngdal-3.",
        "Lower-case letters, digits and hyphens. Empty gives a name like lyngdal-3.",
    ),
    "make_code": ("Lag oppsettskode", "Lag oppsettskode", "Make a set-up code"),
    "code_for": ("Oppsettskode for", "Oppsettskode for", "Set-up code for"),
    "code_help": (
        "Skann QR-koden med den nye kiosken, eller skriv inn teksten. Koden virker én gang og "
        "gjelder til",
        "Skann QR-koden med den nye kiosken, eller skriv inn teksten. Koden verkar éin gong og "
        "gjeld til",
        "Scan the QR code with the new kiosk, or type the text. The code works once and is "
        "valid until",
    ),
    "qr_alt": (
        "QR-kode med oppsettskoden",
        "QR-kode med oppsettskoden",
        "QR code holding the set-up code",
    ),
    "revoke": ("Tilbakekall", "Tilbakekall", "Revoke"),
    "revoke_done": (
        "er tilbakekalt: nøkkelen avvises fra nå.",
        "er tilbakekalla: nøkkelen blir avvist frå no.",
        "is revoked: its token is refused from now on.",
    ),
    "actions": ("Handlinger", "Handlingar", "Actions"),
    # Audit
    "when": ("Tid", "Tid", "When"),
    "who": ("Hvem", "Kven", "Who"),
    "action": ("Handling", "Handling", "Action"),
    "subject": ("Gjelder", "Gjeld", "Subject"),
    "detail": ("Detaljer", "Detaljar", "Detail"),
    "empty_log": ("Loggen er tom.", "Loggen er tom.", "The log is empty."),
    # People page (polish)
    "more_than": ("mer enn", "meir enn", "more than"),
    "search_prefix_help": (
        "Starten på fornavn, etternavn eller e-postadresse, for eksempel «kari» eller «nordm».",
        "Starten på førenamn, etternamn eller e-postadresse, til dømes «kari» eller «nordm».",
        "The start of a given name, family name or e-mail address, e.g. “kari” or “nordm”.",
    ),
    "mail_pass": ("Send adgangskort på e-post", "Send tilgangskort på e-post", "E-mail a pass"),
    "mail_pass_help": (
        "Lager et nytt adgangskort og sender det som PDF til",
        "Lagar eit nytt tilgangskort og sender det som PDF til",
        "Issues a new pass and sends it as a PDF to",
    ),
    "mail_not_set": (
        "Ingen e-posttjener er satt opp. Du får laste ned adgangskortet som PDF i stedet.",
        "Ingen e-posttenar er sett opp. Du får lasta ned tilgangskortet som PDF i staden.",
        "No mail server is set up. You can download the pass as a PDF instead.",
    ),
    "mail_new_pin": (
        "Lag en ny PIN-kode og send den med",
        "Lag ein ny PIN-kode og send han med",
        "Make a new PIN and send it too",
    ),
    "mail_pass_button": ("Send adgangskort", "Send tilgangskort", "Send the pass"),
    "pass_pdf_button": (
        "Last ned adgangskort (PDF)",
        "Last ned tilgangskort (PDF)",
        "Download the pass (PDF)",
    ),
    "mail_sent": (
        "Adgangskortet er sendt.",
        "Tilgangskortet er sendt.",
        "The pass has been sent.",
    ),
    "mail_sent_pin": (
        "Den nye PIN-koden står i e-posten; den gamle virker ikke lenger.",
        "Den nye PIN-koden står i e-posten; den gamle verkar ikkje lenger.",
        "The new PIN is in the e-mail; the old one no longer works.",
    ),
    "no_smtp": (
        "Adgangskortet kan ikke sendes på e-post: ingen e-posttjener er satt opp for denne "
        "tjenesten (REGIONLAB_SMTP_HOST).",
        "Tilgangskortet kan ikkje sendast på e-post: ingen e-posttenar er sett opp for denne "
        "tenesta (REGIONLAB_SMTP_HOST).",
        "The pass cannot be e-mailed: no mail server is set up for this service "
        "(REGIONLAB_SMTP_HOST).",
    ),
    "mail_failed": (
        "E-posten kunne ikke sendes. Ingen nytt adgangskort ble laget.",
        "E-posten kunne ikkje sendast. Ikkje noko nytt tilgangskort vart laga.",
        "The e-mail could not be sent. No new pass was made.",
    ),
    "pass_pdf_instead": (
        "Last ned et nytt adgangskort som PDF og gi det til personen.",
        "Last ned eit nytt tilgangskort som PDF og gi det til personen.",
        "Download a new pass as a PDF and give it to the person.",
    ),
    "pass_pdf_pin": (
        "En ny PIN-kode setter du på personens side.",
        "Ein ny PIN-kode set du på sida til personen.",
        "Set a new PIN on the person's page.",
    ),
    "import_file_empty": ("Filen er tom.", "Fila er tom.", "The file is empty."),
    "import_file_encoding": (
        "Filen er verken UTF-8- eller Windows-1252-tekst: lagre den som CSV (UTF-8) eller XLSX.",
        "Fila er verken UTF-8- eller Windows-1252-tekst: lagre ho som CSV (UTF-8) eller XLSX.",
        "The file is neither UTF-8 nor Windows-1252 text: save it as CSV (UTF-8) or XLSX.",
    ),
    "import_file_not_text": (
        "Filen er ikke tekst: lagre den som CSV (UTF-8) eller XLSX.",
        "Fila er ikkje tekst: lagre ho som CSV (UTF-8) eller XLSX.",
        "The file is not text: save it as CSV (UTF-8) or XLSX.",
    ),
    "import_file_bad_csv": (
        "Linje {line}: filen er ikke gyldig CSV ({detail}).",
        "Linje {line}: fila er ikkje gyldig CSV ({detail}).",
        "Line {line}: the file is not valid CSV ({detail}).",
    ),
    "import_file_bad_xlsx": (
        "Filen er ikke en lesbar XLSX-arbeidsbok ({detail}).",
        "Fila er ikkje ei lesbar XLSX-arbeidsbok ({detail}).",
        "The file is not a readable XLSX workbook ({detail}).",
    ),
    "import_file_no_rows": (
        "Filen har ingen rader.",
        "Fila har ingen rader.",
        "The file has no rows.",
    ),
    "import_header_one_column_marks": (
        "Overskriften leses som én kolonne ({header}): skill kolonnene med komma eller semikolon.",
        "Overskrifta blir lesen som éin kolonne ({header}): skil kolonnane med komma eller "
        "semikolon.",
        "The header reads as one column ({header}): separate the columns with commas or "
        "semicolons.",
    ),
    "import_header_one_column": (
        "Overskriften leses som én kolonne ({header}): er filen skilt med noe annet enn komma "
        "eller semikolon? Kolonnene skal være navn, e-post, organisasjon og klynge.",
        "Overskrifta blir lesen som éin kolonne ({header}): er fila skild med noko anna enn "
        "komma eller semikolon? Kolonnane skal vere namn, e-post, organisasjon og klynge.",
        "The header reads as one column ({header}): is the file separated by something other "
        "than commas or semicolons? Expected the columns name, e-mail, organisation and cluster.",
    ),
    "import_columns_missing": (
        "Kolonne(r) mangler: {columns} (overskriften har {header}).",
        "Kolonne(ar) manglar: {columns} (overskrifta har {header}).",
        "Missing column(s): {columns} (the header has {header}).",
    ),
    "import_name_empty": ("Navnet mangler.", "Namnet manglar.", "The name is empty."),
    "import_name_too_long": (
        "Navnet er lengre enn {max} tegn ({length}).",
        "Namnet er lengre enn {max} teikn ({length}).",
        "The name is longer than {max} characters ({length}).",
    ),
    "import_name_digit": (
        "Navnet inneholder {char} (U+{hex}), et siffer.",
        "Namnet inneheld {char} (U+{hex}), eit siffer.",
        "The name holds {char} (U+{hex}), a digit.",
    ),
    "import_name_not_letter": (
        "Navnet inneholder {char} (U+{hex}), som ikke er en bokstav.",
        "Namnet inneheld {char} (U+{hex}), som ikkje er ein bokstav.",
        "The name holds {char} (U+{hex}), not a letter.",
    ),
    "import_name_no_letters": (
        "Navnet har ingen bokstaver.",
        "Namnet har ingen bokstavar.",
        "The name has no letters.",
    ),
    "import_email_empty": (
        "E-postadressen mangler.",
        "E-postadressa manglar.",
        "The e-mail is empty.",
    ),
    "import_email_bad": (
        "Ikke en e-postadresse: {value}.",
        "Ikkje ei e-postadresse: {value}.",
        "Not an e-mail address: {value}.",
    ),
    "import_email_duplicate": (
        "Samme e-postadresse står også på linje {other}.",
        "Same e-postadresse står òg på linje {other}.",
        "Duplicate e-mail: also on line {other}.",
    ),
    "import_email_other_site": (
        "E-postadressen tilhører en person ved {site}.",
        "E-postadressa høyrer til ein person ved {site}.",
        "The e-mail belongs to a person at {site}.",
    ),
    "import_organisation_empty": (
        "Organisasjon mangler.",
        "Organisasjon manglar.",
        "No organisation.",
    ),
    "import_organisation_unknown": (
        "Ukjent organisasjon {value}: legg den til først, eller kryss av for å opprette nye "
        "organisasjoner.",
        "Ukjend organisasjon {value}: legg han til først, eller kryss av for å opprette nye "
        "organisasjonar.",
        "Unknown organisation {value}: add it first, or tick the box to create new organisations.",
    ),
    "import_organisation_too_long": (
        "Organisasjonens navn er lengre enn 200 tegn.",
        "Namnet på organisasjonen er lengre enn 200 teikn.",
        "The organisation's name is longer than 200 characters.",
    ),
    "import_cluster_unknown": (
        "Ukjent klynge {value} (én av: {known}).",
        "Ukjend klynge {value} (éi av: {known}).",
        "Unknown cluster {value} (one of: {known}).",
    ),
}


def translate(key: str, language: str) -> str:
    texts = CATALOGUE.get(key)
    if texts is None:
        return key
    return texts[LANGUAGES.index(language) if language in LANGUAGES else 0]
