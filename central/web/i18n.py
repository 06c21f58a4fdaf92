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
    # Reports page
    "reports": ("Rapporter", "Rapportar", "Reports"),
    "report_intro": (
        "Samletall for piloten: bruk, hvem som bruker bygget, og samarbeid. Ingen navn. Tall som "
        "bygger på færre enn 3 personer vises som «< 3»; «:» er et tall som er skjult for at et "
        "annet skjult tall ikke skal kunne regnes ut.",
        "Samletal for piloten: bruk, kven som brukar bygget, og samarbeid. Ingen namn. Tal som "
        "byggjer på færre enn 3 personar blir viste som «< 3»; «:» er eit tal som er skjult for "
        "at eit anna skjult tal ikkje skal kunne reknast ut.",
        "Aggregates for the pilot: use, who uses the building, and collaboration. No names. "
        "Figures based on fewer than 3 people show as “< 3”; “:” is a figure hidden so that "
        "another hidden figure cannot be worked out.",
    ),
    "report_from": ("Fra dato", "Frå dato", "From date"),
    "report_to": ("Til dato", "Til dato", "To date"),
    "report_date_help": (
        "Datoer skrives ÅÅÅÅ-MM-DD. Månedstall gjelder hele måneder.",
        "Datoar blir skrivne ÅÅÅÅ-MM-DD. Månadstal gjeld heile månader.",
        "Dates are written YYYY-MM-DD. Monthly figures cover whole months.",
    ),
    "report_all_sites": (
        "Alle fire side om side",
        "Alle fire side om side",
        "All four side by side",
    ),
    "report_presets": ("Ferdige perioder", "Ferdige periodar", "Ready-made periods"),
    "preset_30d": ("Siste 30 dager", "Siste 30 dagar", "Last 30 days"),
    "preset_year": ("I år", "I år", "This year"),
    "preset_pilot": ("Hele piloten", "Heile piloten", "Whole pilot"),
    "report_period": ("Periode", "Periode", "Period"),
    "report_summary": ("Sammendrag", "Samandrag", "Summary"),
    "report_summary_nb": (
        "Sammendraget er skrevet på bokmål.",
        "Samandraget er skrive på bokmål.",
        "The summary is written in Norwegian (bokmål).",
    ),
    "report_contents": ("Innhold", "Innhald", "Contents"),
    "report_chart_note": (
        "Tallene i diagrammet står i tabellen ved siden av.",
        "Tala i diagrammet står i tabellen ved sida av.",
        "The chart's figures are in the table beside it.",
    ),
    "report_csv": ("Last ned CSV", "Last ned CSV", "Download CSV"),
    "report_hidden": ("skjult", "skjult", "hidden"),
    "report_small": ("færre enn 3", "færre enn 3", "fewer than 3"),
    "report_empty": (
        "Ingen tall for denne perioden ennå: samletallene lages hver natt.",
        "Ingen tal for denne perioden enno: samletala blir laga kvar natt.",
        "No figures for this period yet: the aggregates are made every night.",
    ),
    "report_bad_date": (
        "er ikke en dato. Skriv datoen som ÅÅÅÅ-MM-DD, for eksempel 2026-09-01.",
        "er ikkje ein dato. Skriv datoen som ÅÅÅÅ-MM-DD, til dømes 2026-09-01.",
        "is not a date. Write the date as YYYY-MM-DD, for example 2026-09-01.",
    ),
    "report_to_before_from": (
        "Til-datoen er før fra-datoen.",
        "Til-datoen er før frå-datoen.",
        "The to date is before the from date.",
    ),
    "report_too_long": (
        "Perioden er lengre enn tre år. Velg en kortere periode.",
        "Perioden er lengre enn tre år. Vel ein kortare periode.",
        "The period is longer than three years. Choose a shorter one.",
    ),
    "report_unknown_site": (
        "Det finnes ikke noe bygg med den koden. Velg et bygg i listen.",
        "Det finst ikkje noko bygg med den koden. Vel eit bygg i lista.",
        "There is no site with that code. Choose a site from the list.",
    ),
    "report_unknown_preset": (
        "Ukjent ferdig periode. Velg en av periodene i listen.",
        "Ukjend ferdig periode. Vel ein av periodane i lista.",
        "Unknown ready-made period. Choose one of the periods in the list.",
    ),
    # Reports page: the tables' own words (the bokmål is the report's own, kept here in step)
    "rt_bruk": ("Bruk per lokasjon", "Bruk per lokasjon", "Use per site"),
    "rd_bruk": (
        "Snitt personer per dag med besøk, flest i bygget samtidig, flest ulike personer i én "
        "måned, snitt gjester per dag, nye brukere i perioden og antall dager med besøk.",
        "Snitt personar per dag med besøk, flest i bygget samstundes, flest ulike personar i éin "
        "månad, snitt gjester per dag, nye brukarar i perioden og tal på dagar med besøk.",
        "Average people per day with visits, most in the building at once, most distinct people "
        "in one month, average guests per day, new users in the period and days with visits.",
    ),
    "rt_personer-maaned": (
        "Ulike personer per måned",
        "Ulike personar per månad",
        "Distinct people per month",
    ),
    "rd_personer-maaned": (
        "Hvor mange ulike medlemmer som kom innom hver lokasjon, per måned.",
        "Kor mange ulike medlemmer som kom innom kvar lokasjon, per månad.",
        "How many distinct members came to each site, per month.",
    ),
    "rt_personer-uke": (
        "Ulike personer per uke",
        "Ulike personar per veke",
        "Distinct people per week",
    ),
    "rd_personer-uke": (
        "Hvor mange ulike personer (medlemmer og gjester) som kom innom hver lokasjon, per uke "
        "(mandag til søndag).",
        "Kor mange ulike personar (medlemmer og gjester) som kom innom kvar lokasjon, per veke "
        "(måndag til sundag).",
        "How many distinct people (members and guests) came to each site, per week (Monday to "
        "Sunday).",
    ),
    "rt_tid-paa-dagen": ("Tid på dagen", "Tid på dagen", "Time of day"),
    "rd_tid-paa-dagen": (
        "Snitt antall personer i bygget i hver klokketime, på dager med besøk.",
        "Snitt tal på personar i bygget i kvar klokketime, på dagar med besøk.",
        "Average number of people in the building in each hour, on days with visits.",
    ),
    "rt_pulter": ("Pultbruk etter type", "Pultbruk etter type", "Desk use by kind"),
    "rd_pulter": (
        "Pulter tatt i bruk per måned: faste, booket og drop-in; bookinger, hvor mange som ikke "
        "møtte (bookingen ble frigitt), og andelen i prosent.",
        "Pultar tekne i bruk per månad: faste, booka og drop-in; bookingar, kor mange som ikkje "
        "møtte (bookinga vart frigjord), og delen i prosent.",
        "Desks taken per month: fixed, booked and drop-in; bookings, how many did not show up "
        "(the booking was released), and that share in per cent.",
    ),
    "rt_pulter-lokasjon": ("Pultbruk per lokasjon", "Pultbruk per lokasjon", "Desk use per site"),
    "rd_pulter-lokasjon": (
        "Pulter tatt i bruk i hele månedene i perioden, per lokasjon: faste, booket og drop-in; "
        "bookinger, ikke møtt og andelen ikke møtt i prosent.",
        "Pultar tekne i bruk i dei heile månadene i perioden, per lokasjon: faste, booka og "
        "drop-in; bookingar, ikkje møtt og delen ikkje møtt i prosent.",
        "Desks taken in the whole months of the period, per site: fixed, booked and drop-in; "
        "bookings, no-shows and the no-show share in per cent.",
    ),
    "rt_gjester": ("Gjester per måned", "Gjester per månad", "Guests per month"),
    "rd_gjester": (
        "Ulike gjester per måned og lokasjon.",
        "Ulike gjester per månad og lokasjon.",
        "Distinct guests per month and site.",
    ),
    "rt_organisasjonstype": (
        "Ulike personer etter type organisasjon",
        "Ulike personar etter type organisasjon",
        "Distinct people by kind of organisation",
    ),
    "rd_organisasjonstype": (
        "Ulike medlemmer per måned etter om arbeidsgiveren er statlig, fylkeskommunal, kommunal "
        "eller annet.",
        "Ulike medlemmer per månad etter om arbeidsgjevaren er statleg, fylkeskommunal, "
        "kommunal eller anna.",
        "Distinct members per month by whether their employer is state, county, municipality "
        "or other.",
    ),
    "rt_organisasjoner": ("Organisasjoner", "Organisasjonar", "Organisations"),
    "rd_organisasjoner": (
        "Per organisasjon: flest ulike personer i én måned, besøksdager (personer × dager) og "
        "dager organisasjonen var til stede.",
        "Per organisasjon: flest ulike personar i éin månad, besøksdagar (personar × dagar) og "
        "dagar organisasjonen var til stades.",
        "Per organisation: most distinct people in one month, visit days (people × days) and "
        "days the organisation was present.",
    ),
    "rt_nye": ("Nye og gjengangere", "Nye og gjengangarar", "New and returning"),
    "rd_nye": (
        "Ulike medlemmer per måned: de som kom for første gang den måneden, og de som hadde vært "
        "her før.",
        "Ulike medlemmer per månad: dei som kom for første gong den månaden, og dei som hadde "
        "vore her før.",
        "Distinct members per month: those who came for the first time that month, and those "
        "who had been here before.",
    ),
    "rt_org-samme-dag": (
        "Ulike organisasjoner i bygget samme dag",
        "Ulike organisasjonar i bygget same dag",
        "Distinct organisations in the building on the same day",
    ),
    "rd_org-samme-dag": (
        "Snitt antall ulike organisasjoner med minst én person til stede samme dag, per lokasjon "
        "og måned.",
        "Snitt tal på ulike organisasjonar med minst éin person til stades same dag, per "
        "lokasjon og månad.",
        "Average number of distinct organisations with at least one person present on the same "
        "day, per site and month.",
    ),
    "rt_par": (
        "Par av organisasjoner til stede samme dag",
        "Par av organisasjonar til stades same dag",
        "Pairs of organisations present on the same day",
    ),
    "rd_par": (
        "Antall dager to organisasjoner var i bygget samtidig, for de {n} organisasjonene med "
        "flest besøksdager.",
        "Tal på dagar to organisasjonar var i bygget samstundes, for dei {n} organisasjonane "
        "med flest besøksdagar.",
        "Days two organisations were in the building at the same time, for the {n} "
        "organisations with the most visit days.",
    ),
    "rt_lunsj": (
        "Påmeldinger til lunsjprat etter klynge og type organisasjon",
        "Påmeldingar til lunsjprat etter klynge og type organisasjon",
        "Lunch talk sign-ups by cluster and kind of organisation",
    ),
    "rd_lunsj": (
        "Påmeldinger til lunsjpratene etter foredragets kompetanseklynge og deltakernes type "
        "organisasjon.",
        "Påmeldingar til lunsjpratane etter kompetanseklynga til føredraget og typen "
        "organisasjon til deltakarane.",
        "Sign-ups to the lunch talks by the talk's competence cluster and the kind of the "
        "participants' organisation.",
    ),
    "rt_lunsj-org": (
        "Påmeldinger til lunsjprat etter organisasjon",
        "Påmeldingar til lunsjprat etter organisasjon",
        "Lunch talk sign-ups by organisation",
    ),
    "rd_lunsj-org": (
        "Påmeldinger til lunsjpratene per organisasjon, etter foredragets kompetanseklynge.",
        "Påmeldingar til lunsjpratane per organisasjon, etter kompetanseklynga til føredraget.",
        "Sign-ups to the lunch talks per organisation, by the talk's competence cluster.",
    ),
    "rt_kryss": (
        "Lunsjprat på tvers av klynger",
        "Lunsjprat på tvers av klynger",
        "Lunch talks across clusters",
    ),
    "rd_kryss": (
        "Påmeldinger fra egen klynge og fra andre klynger enn foredragets, per måned.",
        "Påmeldingar frå eiga klynge og frå andre klynger enn klynga til føredraget, per månad.",
        "Sign-ups from the talk's own cluster and from other clusters, per month.",
    ),
    "rt_trend": ("Utvikling måned for måned", "Utvikling månad for månad", "Month over month"),
    "rd_trend": (
        "Ulike personer og besøksdager per måned, med endring i prosent fra måneden før.",
        "Ulike personar og besøksdagar per månad, med endring i prosent frå månaden før.",
        "Distinct people and visit days per month, with the change in per cent from the month "
        "before.",
    ),
    "rw_Lokasjon": ("Lokasjon", "Lokasjon", "Site"),
    "rw_Måned": ("Måned", "Månad", "Month"),
    "rw_Uke": ("Uke", "Veke", "Week"),
    "rw_Klokketime": ("Klokketime", "Klokketime", "Hour"),
    "rw_Type": ("Type", "Type", "Kind"),
    "rw_Organisasjon": ("Organisasjon", "Organisasjon", "Organisation"),
    "rw_Klynge": ("Klynge", "Klynge", "Cluster"),
    "rw_Snitt per dag": ("Snitt per dag", "Snitt per dag", "Average per day"),
    "rw_Flest samtidig": ("Flest samtidig", "Flest samstundes", "Most at once"),
    "rw_Ulike personer (største måned)": (
        "Ulike personer (største måned)",
        "Ulike personar (største månad)",
        "Distinct people (biggest month)",
    ),
    "rw_Gjester per dag": ("Gjester per dag", "Gjester per dag", "Guests per day"),
    "rw_Nye brukere": ("Nye brukere", "Nye brukarar", "New users"),
    "rw_Dager med besøk": ("Dager med besøk", "Dagar med besøk", "Days with visits"),
    "rw_Fast": ("Fast", "Fast", "Fixed"),
    "rw_Booket": ("Booket", "Booka", "Booked"),
    "rw_Drop-in": ("Drop-in", "Drop-in", "Drop-in"),
    "rw_Bookinger": ("Bookinger", "Bookingar", "Bookings"),
    "rw_Ikke møtt": ("Ikke møtt", "Ikkje møtt", "No-shows"),
    "rw_Ikke møtt %": ("Ikke møtt %", "Ikkje møtt %", "No-show %"),
    "rw_Stat": ("Stat", "Stat", "State"),
    "rw_Fylke": ("Fylke", "Fylke", "County"),
    "rw_Kommune": ("Kommune", "Kommune", "Municipality"),
    "rw_Annet": ("Annet", "Anna", "Other"),
    "rw_Besøksdager": ("Besøksdager", "Besøksdagar", "Visit days"),
    "rw_Dager til stede": ("Dager til stede", "Dagar til stades", "Days present"),
    "rw_Nye": ("Nye", "Nye", "New"),
    "rw_Gjengangere": ("Gjengangere", "Gjengangarar", "Returning"),
    "rw_Egen klynge": ("Egen klynge", "Eiga klynge", "Own cluster"),
    "rw_Andre klynger": ("Andre klynger", "Andre klynger", "Other clusters"),
    "rw_Ulike personer": ("Ulike personer", "Ulike personar", "Distinct people"),
    "rw_Endring %": ("Endring %", "Endring %", "Change %"),
    "rw_Sum": ("Sum", "Sum", "Total"),
    "rw_Uten organisasjon": ("Uten organisasjon", "Utan organisasjon", "No organisation"),
    "rw_uke": ("uke", "veke", "week"),
}


def translate(key: str, language: str) -> str:
    texts = CATALOGUE.get(key)
    if texts is None:
        return key
    return texts[LANGUAGES.index(language) if language in LANGUAGES else 0]
