"""The report's words in bokmål (its own language), nynorsk and English: the summary's
sentences, the PDF's cover, method and footer, and the tables' titles, descriptions and headers
(the console's Reports page uses the same, through ``central.web.i18n``).

Translating changes words only: every figure is the one the bokmål report publishes."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from central.domain.reports.tables import Table

LANGUAGES = ("nb", "nn", "en")
DEFAULT = "nb"

MONTHS = ["jan", "feb", "mar", "apr", "mai", "jun", "jul", "aug", "sep", "okt", "nov", "des"]
MONTHS_EN = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
# nynorsk names its months as bokmål does
MONTH_NAMES = [
    "januar",
    "februar",
    "mars",
    "april",
    "mai",
    "juni",
    "juli",
    "august",
    "september",
    "oktober",
    "november",
    "desember",
]
MONTH_NAMES_EN = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]

# key: (nb, nn, en); {name} and the like are filled in by ``say``
TEXTS: dict[str, tuple[str, str, str]] = {
    # the summary
    "too_few": (
        "{name}: for få besøk i perioden til å vise tall.",
        "{name}: for få besøk i perioden til å vise tal.",
        "{name}: too few visits in the period to show figures.",
    ),
    "average": (
        "{name}: i snitt {avg} personer per dag med besøk",
        "{name}: i snitt {avg} personar per dag med besøk",
        "{name}: on average {avg} people a day on days with visits",
    ),
    "peak": (
        ", og høyst {peak} i bygget samtidig",
        ", og høgst {peak} i bygget samstundes",
        ", and at most {peak} in the building at once",
    ),
    "most_state": (
        "Flest brukere kommer fra statlig sektor.",
        "Flest brukarar kjem frå statleg sektor.",
        "Most users come from the state sector.",
    ),
    "biggest_kind": (
        "Største gruppe brukere etter type arbeidsgiver: {kind}.",
        "Største gruppe brukarar etter type arbeidsgivar: {kind}.",
        "The largest group of users by kind of employer: {kind}.",
    ),
    "orgs_a_day": (
        "{name}: på en vanlig dag er folk fra {n} ulike organisasjoner i bygget.",
        "{name}: på ein vanleg dag er folk frå {n} ulike organisasjonar i bygget.",
        "{name}: on a typical day, people from {n} different organisations are in the building.",
    ),
    "users_rose": (
        "Antall ulike brukere per måned økte fra {a} i {first} til {b} i {last}.",
        "Talet på ulike brukarar per månad auka frå {a} i {first} til {b} i {last}.",
        "The number of distinct users per month rose from {a} in {first} to {b} in {last}.",
    ),
    "users_fell": (
        "Antall ulike brukere per måned sank fra {a} i {first} til {b} i {last}.",
        "Talet på ulike brukarar per månad minka frå {a} i {first} til {b} i {last}.",
        "The number of distinct users per month fell from {a} in {first} to {b} in {last}.",
    ),
    "users_held": (
        "Antall ulike brukere per måned holdt seg på {a} fra {first} til {last}.",
        "Talet på ulike brukarar per månad heldt seg på {a} frå {first} til {last}.",
        "The number of distinct users per month stayed at {a} from {first} to {last}.",
    ),
    "other_clusters": (
        "{pct} % av påmeldingene til lunsjprat kom fra andre klynger enn foredragets.",
        "{pct} % av påmeldingane til lunsjprat kom frå andre klynger enn føredraget sitt.",
        "{pct}% of the sign-ups for lunch talks came from clusters other than the talk's own.",
    ),
    # the PDF
    "pdf_title": (
        "RegionLab – rapport for piloten",
        "RegionLab – rapport for piloten",
        "RegionLab – report for the pilot",
    ),
    "pdf_footer": (
        "RegionLab – kun samletall, grupper under {n} personer er skjult",
        "RegionLab – berre samletal, grupper under {n} personar er skjulte",
        "RegionLab – aggregates only, groups of fewer than {n} people are hidden",
    ),
    "pdf_page": ("Side {n}", "Side {n}", "Page {n}"),
    "pdf_cover": (
        "Bruk og samarbeid i Statens hus-piloten",
        "Bruk og samarbeid i Statens hus-piloten",
        "Use and collaboration in the Statens hus pilot",
    ),
    "pdf_sites": ("Lokasjoner: {sites}", "Lokasjonar: {sites}", "Sites: {sites}"),
    "pdf_period": ("Periode: {period}", "Periode: {period}", "Period: {period}"),
    "pdf_intro": (
        "Rapporten inneholder bare samletall. Ingen navn eller personer kan leses ut av den: "
        "tall som bygger på færre enn {n} personer, vises som «< 3», og tall som er skjult for "
        "å beskytte dem, som «:».",
        "Rapporten inneheld berre samletal. Ingen namn eller personar kan lesast ut av han: "
        "tal som byggjer på færre enn {n} personar, blir viste som «< 3», og tal som er skjulte "
        "for å verne dei, som «:».",
        "The report holds aggregates only. No names or persons can be read from it: figures "
        "based on fewer than {n} people are shown as “< 3”, and figures hidden to protect them "
        "as “:”.",
    ),
    "pdf_summary": ("Sammendrag", "Samandrag", "Summary"),
    "pdf_no_figures": (
        "Det er for få besøk i perioden til å vise tall.",
        "Det er for få besøk i perioden til å vise tal.",
        "There are too few visits in the period to show figures.",
    ),
    "pdf_shows": ("Hva rapporten viser", "Kva rapporten viser", "What the report shows"),
    "pdf_shows_text": (
        "Rapporten viser hvordan RegionLab brukes: hvor mange som kommer, når på dagen, hvilke "
        "pulter de bruker, og hvem de jobber for. Den viser også samarbeid: hvor mange ulike "
        "organisasjoner som er i bygget samme dag, hvilke som møtes, og hvem som går på "
        "lunsjprat i andre fagmiljøer enn sitt eget.",
        "Rapporten viser korleis RegionLab blir brukt: kor mange som kjem, når på dagen, kva "
        "pultar dei brukar, og kven dei arbeider for. Han viser òg samarbeid: kor mange ulike "
        "organisasjonar som er i bygget same dag, kva for nokre som møtest, og kven som går på "
        "lunsjprat i andre fagmiljø enn sitt eige.",
        "The report shows how RegionLab is used: how many people come, at what time of day, "
        "which desks they use and whom they work for. It also shows collaboration: how many "
        "different organisations are in the building on the same day, which of them meet, and "
        "who goes to lunch talks in professional communities other than their own.",
    ),
    "pdf_method": ("Metode og personvern", "Metode og personvern", "Method and privacy"),
    "pdf_made": ("Slik er tallene laget", "Slik er tala laga", "How the figures are made"),
    "pdf_made_text": (
        "Resepsjonen registrerer når folk kommer og går, hvilke pulter de tar og hvem som "
        "melder seg på lunsjprat. Hver natt lages samletall per lokasjon og dag (og per måned) "
        "fra disse registreringene. Samletallene tas vare på; selve besøkene slettes etter "
        "oppbevaringstiden (90 dager for ansatte, 30 dager for gjester). Derfor kan rapporten "
        "dekke hele pilotperioden uten at noen opplysninger om enkeltpersoner lagres lenger "
        "enn nødvendig.",
        "Resepsjonen registrerer når folk kjem og går, kva pultar dei tek, og kven som melder "
        "seg på lunsjprat. Kvar natt blir det laga samletal per lokasjon og dag (og per månad) "
        "frå desse registreringane. Samletala blir tekne vare på; sjølve besøka blir sletta "
        "etter oppbevaringstida (90 dagar for tilsette, 30 dagar for gjestar). Difor kan "
        "rapporten dekkje heile pilotperioden utan at nokon opplysningar om enkeltpersonar blir "
        "lagra lenger enn naudsynt.",
        "Reception records when people come and go, which desks they take and who signs up for "
        "lunch talks. Every night, aggregates per site and day (and per month) are made from "
        "these records. The aggregates are kept; the visits themselves are deleted after the "
        "retention period (90 days for employees, 30 days for guests). So the report can cover "
        "the whole pilot period without any information about individuals being kept longer "
        "than needed.",
    ),
    "pdf_terms": ("Begreper", "Omgrep", "Terms"),
    "pdf_terms_text": (
        "«Ulike personer» teller hver person én gang i måneden. «Besøksdager» er personer × "
        "dager. «Flest samtidig» er det høyeste antallet inne i bygget på ett tidspunkt. En "
        "booking der personen ikke kom, og som ble frigitt, teller som «ikke møtt». En "
        "organisasjon er «til stede» en dag når minst én av dens folk var innom. Månedstall "
        "gjelder hele kalendermåneder.",
        "«Ulike personar» tel kvar person éin gong i månaden. «Besøksdagar» er personar × "
        "dagar. «Flest samstundes» er det høgaste talet inne i bygget på eitt tidspunkt. Ein "
        "booking der personen ikkje kom, og som vart frigitt, tel som «ikkje møtt». Ein "
        "organisasjon er «til stades» ein dag når minst éin av folka deira var innom. Månadstal "
        "gjeld heile kalendermånader.",
        "“Distinct people” counts each person once a month. “Visit days” is people × days. "
        "“Most at once” is the highest number inside the building at one time. A booking whose "
        "person did not come, and which was released, counts as a “no-show”. An organisation is "
        "“present” on a day when at least one of its people came by. Monthly figures are for "
        "whole calendar months.",
    ),
    "pdf_privacy": ("Personvern", "Personvern", "Privacy"),
    "pdf_privacy_text": (
        "Rapporten inneholder bare samletall, aldri navn eller person-id. Et tall som bygger på "
        "færre enn {n} ulike personer, vises som «< 3». Et skjult tall skal heller ikke kunne "
        "regnes ut ved å trekke andre tall fra en sum. Derfor skjules minst ett tall til i hver "
        "gruppe som har en sum i rapporten (for eksempel månedene til en lokasjon, eller "
        "lokasjonene i en måned), slik at summene kan vises. En sum skjules bare når det ikke "
        "finnes noen annen måte; før rapporten lages, kontrolleres det at ingen skjulte tall kan "
        "regnes ut av summene sammen. Det gjelder på tvers av tabellene, og mellom rapporten for "
        "én lokasjon og for alle fire. Tall som er skjult for å beskytte andre, vises som «:» – "
        "de kan være små eller store.",
        "Rapporten inneheld berre samletal, aldri namn eller person-id. Eit tal som byggjer på "
        "færre enn {n} ulike personar, blir vist som «< 3». Eit skjult tal skal heller ikkje "
        "kunne reknast ut ved å trekkje andre tal frå ein sum. Difor blir minst eitt tal til "
        "skjult i kvar gruppe som har ein sum i rapporten (til dømes månadene til ein lokasjon, "
        "eller lokasjonane i ein månad), slik at summane kan visast. Ein sum blir skjult berre "
        "når det ikkje finst nokon annan måte; før rapporten blir laga, blir det kontrollert at "
        "ingen skjulte tal kan reknast ut av summane saman. Det gjeld på tvers av tabellane, og "
        "mellom rapporten for éin lokasjon og for alle fire. Tal som er skjulte for å verne "
        "andre, blir viste som «:» – dei kan vere små eller store.",
        "The report holds aggregates only, never names or person ids. A figure based on fewer "
        "than {n} distinct people is shown as “< 3”. Nor may a hidden figure be worked out by "
        "subtracting other figures from a total. So at least one more figure is hidden in each "
        "group that has a total in the report (a site's months, say, or the sites in a month), "
        "so that the totals can be shown. A total is hidden only when there is no other way; "
        "before the report is made, it is checked that no hidden figure can be worked out from "
        "the totals together. This holds across the tables, and between the report for one "
        "site and the one for all four. Figures hidden to protect others are shown as “:” – "
        "they may be small or large.",
    ),
}

# the tables' titles (rt_), descriptions (rd_, {n}: the number of rows) and words (rw_): the
# console's catalogue takes them in (central.web.i18n), so its Reports page says the same
TABLE_WORDS: dict[str, tuple[str, str, str]] = {
    "rt_bruk": ("Bruk per lokasjon", "Bruk per lokasjon", "Use per site"),
    "rd_bruk": (
        "Snitt personer per dag med besøk, flest i bygget samtidig, flest ulike personer i én "
        "måned, snitt gjester per dag, nye brukere i perioden og antall dager med besøk.",
        "Snitt personar per dag med besøk, flest i bygget samstundes, flest ulike personar i éin "
        "månad, snitt gjestar per dag, nye brukarar i perioden og tal på dagar med besøk.",
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
        "Kor mange ulike personar (medlemmer og gjestar) som kom innom kvar lokasjon, per veke "
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
    "rt_gjester": ("Gjester per måned", "Gjestar per månad", "Guests per month"),
    "rd_gjester": (
        "Ulike gjester per måned og lokasjon.",
        "Ulike gjestar per månad og lokasjon.",
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
    "rw_Gjester per dag": ("Gjester per dag", "Gjestar per dag", "Guests per day"),
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


def _index(lang: str) -> int:
    return LANGUAGES.index(lang) if lang in LANGUAGES else 0


def say(key: str, lang: str, **values: object) -> str:
    """One of the report's sentences in ``lang`` (bokmål for an unknown one)."""
    return TEXTS[key][_index(lang)].format(**values)


def month_name(label: str, lang: str) -> str:
    """A month label of the tables ("sep 2026") written out: "september 2026"."""
    at = MONTHS.index(label[:3])
    return (MONTH_NAMES_EN if lang == "en" else MONTH_NAMES)[at] + label[3:]


def words(lang: str) -> Callable[[str], str]:
    """Translate one of the report's bokmål words (a header, a month or week label); a word
    the catalogue does not hold (a site's or an organisation's name) stays as it is."""

    def word(text: str) -> str:
        if lang not in LANGUAGES or lang == DEFAULT:
            return text
        found = TABLE_WORDS.get(f"rw_{text}")
        if found is not None:
            return found[_index(lang)]
        month = re.fullmatch(r"([a-zæøå]{3}) (\d{4})", text)
        if month and month.group(1) in MONTHS and lang == "en":
            return f"{MONTHS_EN[MONTHS.index(month.group(1))]} {month.group(2)}"
        if text.startswith("uke "):
            return TABLE_WORDS["rw_uke"][_index(lang)] + text[3:]
        return text

    return word


T = TypeVar("T", bound="Table")


def translated(table: T, lang: str) -> T:
    """The table with its title, description and headers in ``lang`` (the numbers as they are)."""
    if lang not in LANGUAGES or lang == DEFAULT:
        return table
    word = words(lang)
    title = TABLE_WORDS.get(f"rt_{table.slug}")
    description = TABLE_WORDS.get(f"rd_{table.slug}")
    return dataclasses.replace(
        table,
        title=title[_index(lang)] if title else table.title,
        description=(
            description[_index(lang)].replace("{n}", str(len(table.rows))) if description else ""
        ),
        row_header=word(table.row_header),
        columns=[word(c) for c in table.columns],
        rows=[word(r) for r in table.rows],
    )
