"""The staff console's words in bokmål (the default), nynorsk and English.

A small catalogue, not Qt's: the console runs in the store, which never imports Qt. A missing
key is a bug that tests/web/test_console_i18n.py finds; at run time it shows the key itself.
"""

from __future__ import annotations

from central.domain.reports import words as report_words

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
    "account_disabled": (
        "Kontoen er deaktivert. Spør en administrator om å få den aktivert igjen.",
        "Kontoen er deaktivert. Spør ein administrator om å få han aktivert igjen.",
        "The account is disabled. Ask an administrator to enable it again.",
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
    "expected_guests": ("Ventede gjester i dag", "Venta gjestar i dag", "Expected guests today"),
    "no_guests": (
        "Ingen gjester er invitert i dag.",
        "Ingen gjestar er inviterte i dag.",
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
    "command_line": ("Kommandolinjen", "Kommandolinja", "Command line"),
    "action": ("Handling", "Handling", "Action"),
    "subject": ("Gjelder", "Gjeld", "Subject"),
    "detail": ("Detaljer", "Detaljar", "Detail"),
    "empty_log": ("Loggen er tom.", "Loggen er tom.", "The log is empty."),
    # Guests page
    "guests": ("Gjester", "Gjestar", "Guests"),
    "invite_title": ("Inviter en gjest", "Inviter ein gjest", "Invite a guest"),
    "guest_name": ("Gjestens navn", "Namnet til gjesten", "The guest's name"),
    "guest_email": ("Gjestens e-post", "E-posten til gjesten", "The guest's e-mail"),
    "guest_email_help": (
        "Adgangskortet (QR-kode) sendes hit.",
        "Tilgangskortet (QR-kode) blir sendt hit.",
        "The pass (a QR code) is sent here.",
    ),
    "choose_host": ("Velg vert", "Vel vert", "Choose a host"),
    "host_email_help": (
        "E-posten til et aktivt medlem her.",
        "E-posten til eit aktivt medlem her.",
        "The e-mail of an active member here.",
    ),
    "first_day": ("Dag", "Dag", "Day"),
    "first_day_help": (
        "Den første dagen gjesten kommer: i dag eller senere.",
        "Den første dagen gjesten kjem: i dag eller seinare.",
        "The guest's first day: today or later.",
    ),
    "pdf_short": ("Last ned PDF", "Last ned PDF", "Download PDF"),
    "days": ("Antall dager", "Tal på dagar", "Number of days"),
    "days_help": (
        "Fra og med dagen over, 1 til 14 dager.",
        "Frå og med dagen over, 1 til 14 dagar.",
        "From the day above, 1 to 14 days.",
    ),
    "invite_send": (
        "Inviter og send adgangskortet",
        "Inviter og send tilgangskortet",
        "Invite and send the pass",
    ),
    "invite_only": ("Inviter", "Inviter", "Invite"),
    "invited_title": (
        "Inviterte gjester, i dag og framover",
        "Inviterte gjestar, i dag og framover",
        "Invited guests, today and upcoming",
    ),
    "no_invited": (
        "Ingen gjester er invitert fra i dag.",
        "Ingen gjestar er inviterte frå i dag.",
        "No guests are invited from today on.",
    ),
    "walk_ins_title": (
        "Gjester uten invitasjon i dag",
        "Gjestar utan invitasjon i dag",
        "Walk-in guests today",
    ),
    "no_walk_ins": (
        "Ingen gjester uten invitasjon har kommet i dag.",
        "Ingen gjestar utan invitasjon har kome i dag.",
        "No walk-in guests have come today.",
    ),
    "days_col": ("Dager", "Dagar", "Days"),
    "today_word": ("i dag", "i dag", "today"),
    "arrived_at": ("Kom kl.", "Kom kl.", "Arrived at"),
    "not_arrived": ("Ikke kommet ennå", "Ikkje kome enno", "Not arrived yet"),
    "expected": ("Ventet", "Venta", "Expected"),
    "invite_state_cancelled": ("Avlyst", "Avlyst", "Cancelled"),
    "mail_sent": ("E-post sendt", "E-post sendt", "E-mail sent"),
    "mail_not_sent": ("E-post ikke sendt", "E-post ikkje sendt", "E-mail not sent"),
    "resend": ("Send på nytt", "Send på nytt", "Resend"),
    "cancel_invite": ("Avlys", "Avlys", "Cancel"),
    "download_pdf": (
        "Last ned adgangskortet (PDF)",
        "Last ned tilgangskortet (PDF)",
        "Download the pass (PDF)",
    ),
    "purpose": ("Formål", "Føremål", "Purpose"),
    "purpose_meeting": ("Møte", "Møte", "Meeting"),
    "purpose_lunch": ("Faglig lunsj", "Fagleg lunsj", "Lunch talk"),
    "purpose_working": ("Jobber her i dag", "Jobbar her i dag", "Working here today"),
    "guest_name_missing": (
        "Skriv gjestens navn.",
        "Skriv namnet til gjesten.",
        "Enter the guest's name.",
    ),
    "host_unknown": (
        "Velg en vert blant de aktive medlemmene her.",
        "Vel ein vert blant dei aktive medlemmene her.",
        "Choose a host among the active members here.",
    ),
    "host_self": (
        "Verten kan ikke invitere seg selv.",
        "Verten kan ikkje invitere seg sjølv.",
        "The host cannot invite themselves.",
    ),
    "day_bad": (
        "Skriv en dato, for eksempel 24.03.2026.",
        "Skriv ein dato, til dømes 24.03.2026.",
        "Enter a date, for example 24.03.2026.",
    ),
    "day_past": (
        "Dagen har allerede vært. Velg i dag eller en senere dag.",
        "Dagen har alt vore. Vel i dag eller ein seinare dag.",
        "That day has passed. Choose today or a later day.",
    ),
    "days_bad": (
        "En invitasjon gjelder fra 1 til 14 dager.",
        "Ein invitasjon gjeld frå 1 til 14 dagar.",
        "An invitation is for 1 to 14 days.",
    ),
    "guest_inactive": (
        "Gjesten er et deaktivert medlem og kan ikke inviteres.",
        "Gjesten er eit deaktivert medlem og kan ikkje bli invitert.",
        "The guest is a deactivated member and cannot be invited.",
    ),
    "invite_refused": (
        "Invitasjonen kunne ikke lages.",
        "Invitasjonen kunne ikkje lagast.",
        "The invitation could not be made.",
    ),
    "invitation_cancelled": (
        "Invitasjonen er avlyst og kan ikke sendes.",
        "Invitasjonen er avlyst og kan ikkje sendast.",
        "The invitation is cancelled and cannot be sent.",
    ),
    "invite_sent": (
        "Invitasjonen med adgangskortet er sendt til",
        "Invitasjonen med tilgangskortet er send til",
        "The invitation with the pass was sent to",
    ),
    "invite_cancelled": (
        "Invitasjonen er avlyst; kioskene avviser adgangskortet etter neste synkronisering:",
        "Invitasjonen er avlyst; kioskane avviser tilgangskortet etter neste synkronisering:",
        "The invitation is cancelled; the kiosks refuse the pass after their next sync:",
    ),
    "mail_off": (
        "Invitasjonen er lagret, men ingen e-post ble sendt: e-post er ikke satt opp på "
        "denne tjenesten. Last ned adgangskortet som PDF og gi det til gjesten:",
        "Invitasjonen er lagra, men ingen e-post vart send: e-post er ikkje sett opp på "
        "denne tenesta. Last ned tilgangskortet som PDF og gje det til gjesten:",
        "The invitation is saved, but no e-mail was sent: e-mail is not set up on this "
        "service. Download the pass as PDF and give it to the guest:",
    ),
    "mail_failed": (
        "Invitasjonen er lagret, men e-posten kunne ikke sendes nå. Prøv «Send på nytt» "
        "senere, eller last ned adgangskortet som PDF:",
        "Invitasjonen er lagra, men e-posten kunne ikkje sendast no. Prøv «Send på nytt» "
        "seinare, eller last ned tilgangskortet som PDF:",
        "The invitation is saved, but the e-mail could not be sent now. Try Resend later, "
        "or download the pass as PDF:",
    ),
    "mail_off_note": (
        "E-post er ikke satt opp (REGIONLAB_SMTP_HOST), så invitasjoner sendes ikke. "
        "Adgangskortet kan lastes ned som PDF.",
        "E-post er ikkje sett opp (REGIONLAB_SMTP_HOST), så invitasjonar blir ikkje sende. "
        "Tilgangskortet kan lastast ned som PDF.",
        "E-mail is not set up (REGIONLAB_SMTP_HOST), so invitations are not sent. The pass "
        "can be downloaded as PDF.",
    ),
    # Set-password links (``staff add`` without a password)
    "set_password": ("Velg passord", "Vel passord", "Choose a password"),
    "set_password_for": ("Velg passordet til", "Vel passordet til", "Choose the password of"),
    "link_once": (
        "Lenken virker bare én gang.",
        "Lenkja verkar berre éin gong.",
        "The link works only once.",
    ),
    "new_password": ("Nytt passord", "Nytt passord", "New password"),
    "repeat_password": ("Gjenta passordet", "Gjenta passordet", "Repeat the password"),
    "password_rule": (
        "Minst 12 tegn. Gjerne flere ord med mellomrom.",
        "Minst 12 teikn. Gjerne fleire ord med mellomrom.",
        "At least 12 characters. Several words with spaces are good.",
    ),
    "password_short": (
        "Passordet må ha minst 12 tegn.",
        "Passordet må ha minst 12 teikn.",
        "The password must have at least 12 characters.",
    ),
    "password_mismatch": (
        "De to passordene er ikke like.",
        "Dei to passorda er ikkje like.",
        "The two passwords differ.",
    ),
    "password_set": (
        "Passordet er satt. Du kan nå logge inn som",
        "Passordet er sett. No kan du logge inn som",
        "The password is set. You can now log in as",
    ),
    "sessions_ended": (
        "Alle som var innlogget med kontoen, er logget ut.",
        "Alle som var innlogga med kontoen, er logga ut.",
        "Everyone who was logged in with the account has been logged out.",
    ),
    "link_bad": (
        "Lenken er ugyldig. Be en administrator om en ny.",
        "Lenkja er ugyldig. Be ein administrator om ei ny.",
        "The link is not valid. Ask an administrator for a new one.",
    ),
    "link_expired": (
        "Lenken er utløpt (den gjelder i 72 timer). Be en administrator om en ny.",
        "Lenkja har gått ut (ho gjeld i 72 timar). Be ein administrator om ei ny.",
        "The link has expired (it is valid for 72 hours). Ask an administrator for a new one.",
    ),
    "link_used": (
        "Lenken er allerede brukt. Logg inn med passordet du valgte.",
        "Lenkja er alt brukt. Logg inn med passordet du valde.",
        "The link has been used already. Log in with the password you chose.",
    ),
    # Desks page
    "desks_page": ("Arbeidsplasser", "Arbeidsplassar", "Desks"),
    "desks_day": ("Dag", "Dag", "Day"),
    "desks_floor_caption": (
        "Plan over {floor}. De samme pultene med status står i tabellen under.",
        "Plan over {floor}. Dei same pultane med status står i tabellen under.",
        "Plan of {floor}. The same desks and their state are in the table below.",
    ),
    "desks_table_caption": ("Pulter i {floor}", "Pultar i {floor}", "Desks on {floor}"),
    "desks_legend": ("Tegnforklaring", "Teiknforklaring", "Key"),
    "desks_state_free": ("Ledig", "Ledig", "Free"),
    "desks_state_booked": ("Booket", "Booka", "Booked"),
    "desks_state_taken": ("Opptatt", "Oppteken", "Occupied"),
    "desks_state_fixed": ("Fast plass", "Fast plass", "Assigned desk"),
    "desks_state_out_of_use": ("Ikke i bruk", "Ikkje i bruk", "Not in use"),
    "desks_booked_from": ("fra", "frå", "from"),
    "desks_col_desk": ("Pult", "Pult", "Desk"),
    "desks_col_zone": ("Sone", "Sone", "Zone"),
    "desks_mode": ("Type", "Type", "Kind"),
    "desks_mode_bookable": ("kan bookes", "kan bookast", "bookable"),
    "desks_mode_drop_in": ("drop-in", "drop-in", "drop-in"),
    "desks_mode_fixed": ("fast plass", "fast plass", "fixed"),
    "desks_holder": ("Hvem", "Kven", "Who"),
    "desks_now": ("nå", "no", "now"),
    "desks_fixed_for": ("Fast plass for", "Fast plass for", "Fixed desk of"),
    "desks_no_floors": (
        "Denne lokasjonen har ingen etasjer ennå (regionlab-central floor import).",
        "Denne lokasjonen har ingen etasjar enno (regionlab-central floor import).",
        "This site has no floors yet (regionlab-central floor import).",
    ),
    "desks_counts": ("Status nå", "Status no", "State now"),
    "desks_book": ("Book en pult", "Book ein pult", "Book a desk"),
    "desks_book_button": ("Book", "Book", "Book"),
    "desks_person": (
        "Person (navn eller e-post)",
        "Person (namn eller e-post)",
        "Person (name or e-mail)",
    ),
    "desks_person_help": (
        "Skriv navnet eller e-posten til et medlem av lokasjonen.",
        "Skriv namnet eller e-posten til eit medlem av lokasjonen.",
        "Type the name or e-mail of a member of the site.",
    ),
    "desks_choose_person": (
        "Flere passer. Velg personen og book igjen:",
        "Fleire passar. Vel personen og book igjen:",
        "More than one fits. Choose the person and book again:",
    ),
    "desks_from": ("Fra", "Frå", "From"),
    "desks_to": ("Til", "Til", "To"),
    "desks_cancel_booking": ("Avlys bookingen", "Avlys bookinga", "Cancel the booking"),
    "desks_take_out": ("Ta ut av bruk", "Ta ut av bruk", "Take out of use"),
    "desks_put_back": ("Ta i bruk igjen", "Ta i bruk igjen", "Put back in use"),
    "desks_unfix": ("Fjern fast plass", "Fjern fast plass", "End the fixed desk"),
    "desks_fix": (
        "Fast plass for en organisasjon",
        "Fast plass for ein organisasjon",
        "Fixed desk for an organisation",
    ),
    "desks_fix_button": ("Gjør til fast plass", "Gjer til fast plass", "Make it a fixed desk"),
    "desks_fix_from": ("Fra dato", "Frå dato", "From date"),
    "desks_fix_until": (
        "Til og med dato (valgfritt)",
        "Til og med dato (valfritt)",
        "Last day (optional)",
    ),
    "desks_done_booked": ("Pulten er booket.", "Pulten er booka.", "The desk is booked."),
    "desks_done_cancelled": (
        "Bookingen er avlyst.",
        "Bookinga er avlyst.",
        "The booking is cancelled.",
    ),
    "desks_done_out": (
        "Pulten er tatt ut av bruk. Kioskene viser det etter neste synkronisering.",
        "Pulten er teken ut av bruk. Kioskane viser det etter neste synkronisering.",
        "The desk is out of use. The kiosks show it after their next sync.",
    ),
    "desks_done_in": (
        "Pulten er i bruk igjen.",
        "Pulten er i bruk igjen.",
        "The desk is in use again.",
    ),
    "desks_done_fixed": (
        "Pulten er fast plass nå.",
        "Pulten er fast plass no.",
        "The desk is a fixed desk now.",
    ),
    "desks_done_unfixed": (
        "Den faste plassen er fjernet fra denne dagen.",
        "Den faste plassen er fjerna frå denne dagen.",
        "The fixed desk ends from this day.",
    ),
    "desks_done_out_booked": (
        "Pulten er tatt ut av bruk, men har fortsatt bookinger: avlys dem om de ikke skal gjelde.",
        "Pulten er teken ut av bruk, men har framleis bookingar: "
        "avlys dei om dei ikkje skal gjelde.",
        "The desk is out of use but still has bookings: cancel them if they should not stand.",
    ),
    "desks_unknown_desk": ("Ukjent pult.", "Ukjend pult.", "Unknown desk."),
    "desks_unknown_person": (
        "Fant ingen aktivt medlem av lokasjonen med det navnet eller den e-posten.",
        "Fann ikkje noko aktivt medlem av lokasjonen med det namnet eller den e-posten.",
        "No active member of the site has that name or e-mail.",
    ),
    "desks_unknown_org": (
        "Velg en organisasjon.",
        "Vel ein organisasjon.",
        "Choose an organisation.",
    ),
    "desks_unknown_booking": (
        "Fant ikke bookingen.",
        "Fann ikkje bookinga.",
        "The booking was not found.",
    ),
    "desks_date_bad": (
        "Datoen må skrives som åååå-mm-dd.",
        "Datoen må skrivast som åååå-mm-dd.",
        "Write the date as yyyy-mm-dd.",
    ),
    "desks_date_past": (
        "Datoen eller tiden er passert. Velg i dag eller senere.",
        "Datoen eller tida er passert. Vel i dag eller seinare.",
        "That date or time has passed. Choose today or later.",
    ),
    "desks_time_bad": (
        "Tiden må skrives som tt:mm, for eksempel 08:00.",
        "Tida må skrivast som tt:mm, til dømes 08:00.",
        "Write the time as hh:mm, for example 08:00.",
    ),
    "desks_rule_end_before_start": (
        "Slutten må være etter starten.",
        "Slutten må vere etter starten.",
        "The end must be after the start.",
    ),
    "desks_rule_out_of_use": (
        "Pulten er ikke i bruk.",
        "Pulten er ikkje i bruk.",
        "The desk is out of use.",
    ),
    "desks_rule_not_bookable": (
        "Denne pulten kan ikke bookes (drop-in eller fast plass).",
        "Denne pulten kan ikkje bookast (drop-in eller fast plass).",
        "This desk cannot be booked (drop-in or fixed).",
    ),
    "desks_rule_fixed_desk": (
        "Pulten er fast plass den dagen.",
        "Pulten er fast plass den dagen.",
        "The desk is a fixed desk that day.",
    ),
    "desks_rule_desk_taken": (
        "Pulten er allerede booket eller tatt i det tidsrommet.",
        "Pulten er alt booka eller teken i det tidsrommet.",
        "The desk is already booked or taken at that time.",
    ),
    "desks_rule_person_has_desk": (
        "Personen har allerede en annen pult i det tidsrommet.",
        "Personen har alt ein annan pult i det tidsrommet.",
        "The person already holds another desk at that time.",
    ),
    "desks_rule_other_site": (
        "Personen hører til en annen lokasjon.",
        "Personen høyrer til ein annan lokasjon.",
        "The person belongs to another site.",
    ),
    "desks_rule_already_fixed": (
        "Pulten er allerede fast plass i den perioden.",
        "Pulten er alt fast plass i den perioden.",
        "The desk is already a fixed desk in that period.",
    ),
    "desks_rule_has_bookings": (
        "Pulten har bookinger i den perioden. Avlys dem først.",
        "Pulten har bookingar i den perioden. Avlys dei først.",
        "The desk has bookings in that period. Cancel them first.",
    ),
    "desks_changed": (
        "Plassene har endret seg siden siden ble lastet.",
        "Plassane har endra seg sidan sida vart lasta.",
        "The desks have changed since the page was loaded.",
    ),
    "desks_reload": ("Last siden på nytt", "Last sida på nytt", "Reload the page"),
    "desks_rule_rule": ("Det går ikke.", "Det går ikkje.", "That is not possible."),
    # Lunch talks page
    "lunch_page": ("Lunsjprat", "Lunsjprat", "Lunch talks"),
    "lunch_upcoming": ("Kommende", "Komande", "Upcoming"),
    "lunch_past": ("Tidligere", "Tidlegare", "Past"),
    "lunch_none_upcoming": (
        "Ingen kommende lunsjprater.",
        "Ingen komande lunsjpratar.",
        "No upcoming lunch talks.",
    ),
    "lunch_none_past": (
        "Ingen tidligere lunsjprater.",
        "Ingen tidlegare lunsjpratar.",
        "No past lunch talks.",
    ),
    "lunch_date": ("Dato", "Dato", "Date"),
    "lunch_time": ("Tid", "Tid", "Time"),
    "lunch_title": ("Tittel", "Tittel", "Title"),
    "lunch_room": ("Rom", "Rom", "Room"),
    "lunch_cluster": ("Klynge", "Klynge", "Cluster"),
    "lunch_capacity": ("Plasser", "Plassar", "Seats"),
    "lunch_signups": (
        "Påmeldte (til kantina)",
        "Påmelde (til kantina)",
        "Signed up (for catering)",
    ),
    "lunch_state": ("Status", "Status", "State"),
    "lunch_full": ("full", "full", "full"),
    "lunch_open": ("åpen", "open", "open"),
    "lunch_held": ("holdt", "halde", "held"),
    "lunch_start": ("Start", "Start", "Start"),
    "lunch_end": ("Slutt", "Slutt", "End"),
    "lunch_new": ("Ny lunsjprat", "Ny lunsjprat", "New lunch talk"),
    "lunch_create": ("Opprett", "Opprett", "Create"),
    "lunch_edit": ("Endre", "Endre", "Edit"),
    "lunch_edit_title": ("Endre lunsjprat", "Endre lunsjprat", "Edit lunch talk"),
    "lunch_cancel": ("Avlys", "Avlys", "Cancel"),
    "lunch_show_signups": ("Vis påmeldte", "Vis påmelde", "Show who signed up"),
    "lunch_signup_list": ("Påmeldte til", "Påmelde til", "Signed up for"),
    "lunch_signed_up_at": ("Påmeldt", "Påmeld", "Signed up"),
    "lunch_no_signups": (
        "Ingen har meldt seg på.",
        "Ingen har meldt seg på.",
        "Nobody has signed up.",
    ),
    "lunch_audited": (
        "Visningen av denne listen er ført i revisjonsloggen.",
        "Visinga av denne lista er ført i revisjonsloggen.",
        "Opening this list is recorded in the audit log.",
    ),
    "lunch_done_created": (
        "Lunsjpraten er opprettet.",
        "Lunsjpraten er oppretta.",
        "The lunch talk is created.",
    ),
    "lunch_done_saved": ("Endringene er lagret.", "Endringane er lagra.", "The changes are saved."),
    "lunch_done_cancelled": (
        "Lunsjpraten er avlyst og forsvinner fra kioskene.",
        "Lunsjpraten er avlyst og forsvinn frå kioskane.",
        "The lunch talk is cancelled and leaves the kiosks.",
    ),
    "lunch_tell_signed_up": (
        "har meldt seg på: gi dem beskjed.",
        "har meldt seg på: gi dei beskjed.",
        "had signed up: tell them.",
    ),
    "lunch_title_empty": ("Tittelen mangler.", "Tittelen manglar.", "The title is missing."),
    "lunch_title_long": (
        "Tittelen er for lang (høyst 200 tegn).",
        "Tittelen er for lang (høgst 200 teikn).",
        "The title is too long (200 characters at most).",
    ),
    "lunch_room_empty": ("Rommet mangler.", "Rommet manglar.", "The room is missing."),
    "lunch_room_long": (
        "Rommet er for langt (høyst 100 tegn).",
        "Rommet er for langt (høgst 100 teikn).",
        "The room is too long (100 characters at most).",
    ),
    "lunch_capacity_bad": (
        "Antall plasser må være et tall fra 1 til 10 000.",
        "Talet på plassar må vere eit tal frå 1 til 10 000.",
        "Seats must be a number from 1 to 10,000.",
    ),
    "lunch_capacity_below_signups": (
        "Flere har meldt seg på enn det nye antallet plasser.",
        "Fleire har meldt seg på enn det nye talet på plassar.",
        "More have signed up than the new number of seats.",
    ),
    "lunch_end_before_start": (
        "Slutten må være etter starten.",
        "Slutten må vere etter starten.",
        "The end must be after the start.",
    ),
    "lunch_in_past": (
        "Tidspunktet er passert.",
        "Tidspunktet er passert.",
        "That time has passed.",
    ),
    "lunch_cluster_bad": ("Ukjent klynge.", "Ukjend klynge.", "Unknown cluster."),
    "lunch_cancelled_already": (
        "Lunsjpraten er avlyst.",
        "Lunsjpraten er avlyst.",
        "The lunch talk is cancelled.",
    ),
    "lunch_date_bad": (
        "Datoen må skrives som åååå-mm-dd.",
        "Datoen må skrivast som åååå-mm-dd.",
        "Write the date as yyyy-mm-dd.",
    ),
    "lunch_time_bad": (
        "Tiden må skrives som tt:mm.",
        "Tida må skrivast som tt:mm.",
        "Write the time as hh:mm.",
    ),
    "lunch_rule": ("Det går ikke.", "Det går ikkje.", "That is not possible."),
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
    "pass_mail_sent": (
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
    "pass_mail_failed": (
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
    "report_contents": ("Innhold", "Innhald", "Contents"),
    "report_chart_note": (
        "Tallene i diagrammet står i tabellen ved siden av.",
        "Tala i diagrammet står i tabellen ved sida av.",
        "The chart's figures are in the table beside it.",
    ),
    "report_csv": ("Last ned CSV", "Last ned CSV", "Download CSV"),
    "report_pdf": (
        "Last ned hele rapporten som PDF",
        "Last ned heile rapporten som PDF",
        "Download the whole report as PDF",
    ),
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
}
# the report's tables' own words (the bokmål is the report's own): the report's module holds
# them, so the PDF and the CLI speak the same three languages as this page
CATALOGUE.update(report_words.TABLE_WORDS)
assert report_words.LANGUAGES == LANGUAGES


def translate(key: str, language: str) -> str:
    texts = CATALOGUE.get(key)
    if texts is None:
        return key
    return texts[LANGUAGES.index(language) if language in LANGUAGES else 0]
