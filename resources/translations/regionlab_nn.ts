<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="nn_NO" sourcelanguage="nb_NO">
<context>
    <name>AccessBar</name>
    <message>
        <source>Stor tekst</source>
        <translation>Stor tekst</translation>
    </message>
    <message>
        <source>Stor tekst, på</source>
        <translation>Stor tekst, på</translation>
    </message>
    <message>
        <source>Trykk for vanlig tekststørrelse</source>
        <translation>Trykk for vanleg tekststorleik</translation>
    </message>
    <message>
        <source>Trykk for å gjøre all tekst større</source>
        <translation>Trykk for å gjere all tekst større</translation>
    </message>
    <message>
        <source>Høy kontrast</source>
        <translation>Høg kontrast</translation>
    </message>
    <message>
        <source>Høy kontrast, på</source>
        <translation>Høg kontrast, på</translation>
    </message>
    <message>
        <source>Trykk for vanlige farger</source>
        <translation>Trykk for vanlege fargar</translation>
    </message>
    <message>
        <source>Trykk for lys tekst på svart bakgrunn</source>
        <translation>Trykk for lys tekst på svart bakgrunn</translation>
    </message>
    <message>
        <source>Opplesing er på</source>
        <translation>Opplesing er på</translation>
    </message>
    <message>
        <source>Les opp for meg</source>
        <translation>Les opp for meg</translation>
    </message>
    <message>
        <source>Opplesing</source>
        <translation>Opplesing</translation>
    </message>
    <message>
        <source>Trykk for å slå av opplesing</source>
        <translation>Trykk for å slå av opplesinga</translation>
    </message>
    <message>
        <source>Trykk for å få skjermen lest opp</source>
        <translation>Trykk for å få skjermen lesen opp</translation>
    </message>
</context>
<context>
    <name>BadgePrinter</name>
    <message>
        <source>GJEST</source>
        <translation>GJEST</translation>
    </message>
    <message>
        <source>Besøker: %1</source>
        <translation>Vitjar: %1</translation>
    </message>
    <message>
        <source>Skann koden når du går, så er du sjekket ut</source>
        <translation>Skann koden når du går, så er du sjekka ut</translation>
    </message>
</context>
<context>
    <name>CheckinFlow</name>
    <message>
        <source>Velkommen, %1!</source>
        <translation>Velkomen, %1!</translation>
    </message>
    <message>
        <source>Velkommen!</source>
        <translation>Velkomen!</translation>
    </message>
    <message>
        <source>Du er sjekket inn kl. %1.</source>
        <translation>Du er sjekka inn kl. %1.</translation>
    </message>
    <message>
        <source>Ha det, %1!</source>
        <translation>Ha det, %1!</translation>
    </message>
    <message>
        <source>Ha det!</source>
        <translation>Ha det!</translation>
    </message>
    <message>
        <source>Du er sjekket ut kl. %1.</source>
        <translation>Du er sjekka ut kl. %1.</translation>
    </message>
    <message>
        <source>Du er ikke sjekket ut</source>
        <translation>Du er ikkje sjekka ut</translation>
    </message>
    <message>
        <source>Du er ikke sjekket inn</source>
        <translation>Du er ikkje sjekka inn</translation>
    </message>
    <message>
        <source>Ingen svarte på spørsmålet, så ingenting er endret. Prøv igjen.</source>
        <translation>Ingen svarte på spørsmålet, så ingenting er endra. Prøv igjen.</translation>
    </message>
    <message>
        <source>Noe gikk galt.</source>
        <translation>Noko gjekk gale.</translation>
    </message>
    <message>
        <source>Prøv igjen.</source>
        <translation>Prøv igjen.</translation>
    </message>
    <message>
        <source>Vi finner deg ikke</source>
        <translation>Vi finn deg ikkje</translation>
    </message>
    <message>
        <source>Du står ikke i listen over brukere her. Ta kontakt i resepsjonen.</source>
        <translation>Du står ikkje på lista over brukarar her. Ta kontakt i resepsjonen.</translation>
    </message>
    <message>
        <source>Kiosken får ikke lagret nå</source>
        <translation>Kiosken får ikkje lagra no</translation>
    </message>
    <message>
        <source>Ingenting ble registrert. Sjekk inn med en annen kiosk, eller ta kontakt i resepsjonen.</source>
        <translation>Ingenting vart registrert. Sjekk inn på ein annan kiosk, eller ta kontakt i resepsjonen.</translation>
    </message>
    <message>
        <source>Det gikk ikke</source>
        <translation>Det gjekk ikkje</translation>
    </message>
    <message>
        <source>Prøv igjen, eller ta kontakt i resepsjonen.</source>
        <translation>Prøv igjen, eller ta kontakt i resepsjonen.</translation>
    </message>
    <message>
        <source>Takk, %1!</source>
        <translation>Takk, %1!</translation>
    </message>
    <message>
        <source>Takk!</source>
        <translation>Takk!</translation>
    </message>
    <message>
        <source>Du står som sjekket inn. Registrert kl. %1.</source>
        <translation>Du står som sjekka inn. Registrert kl. %1.</translation>
    </message>
    <message>
        <source>Du står som sjekket ut. Registrert kl. %1.</source>
        <translation>Du står som sjekka ut. Registrert kl. %1.</translation>
    </message>
    <message>
        <source>Sjekk inn – skriv PIN-koden din</source>
        <translation>Sjekk inn – skriv PIN-koden din</translation>
    </message>
    <message>
        <source>Sjekk ut</source>
        <translation>Sjekk ut</translation>
    </message>
    <message>
        <source>Tilbake til startskjermen</source>
        <translation>Tilbake til startskjermen</translation>
    </message>
    <message>
        <source>Sjekk ut – skriv navnet ditt</source>
        <translation>Sjekk ut – skriv namnet ditt</translation>
    </message>
    <message>
        <source>Sjekk ut – skriv PIN-koden din</source>
        <translation>Sjekk ut – skriv PIN-koden din</translation>
    </message>
</context>
<context>
    <name>ClosingNotice</name>
    <message>
        <source>Du er allerede sjekket ut</source>
        <translation>Du er allereie sjekka ut</translation>
    </message>
    <message>
        <source>Alle ble sjekket ut automatisk da kontoret stengte kl. %1. Skal du være her nå, skann passet en gang til.</source>
        <translation>Alle vart sjekka ut automatisk då kontoret stengde kl. %1. Skal du vere her no, skann passet ein gong til.</translation>
    </message>
</context>
<context>
    <name>ConfirmScreen</name>
    <message>
        <source>Avbryt</source>
        <translation>Avbryt</translation>
    </message>
    <message>
        <source>Ingenting blir registrert</source>
        <translation>Ingenting blir registrert</translation>
    </message>
    <message>
        <source>Bekrefter svaret</source>
        <translation>Stadfestar svaret</translation>
    </message>
    <message>
        <source>Ja</source>
        <translation>Ja</translation>
    </message>
    <message>
        <source>Velg %1 eller %2.</source>
        <translation>Vel %1 eller %2.</translation>
    </message>
    <message>
        <source>Sjekke inn som %1?</source>
        <translation>Sjekke inn som %1?</translation>
    </message>
    <message>
        <source>Vil du sjekke inn?</source>
        <translation>Vil du sjekke inn?</translation>
    </message>
    <message>
        <source>Ja, sjekk inn</source>
        <translation>Ja, sjekk inn</translation>
    </message>
    <message>
        <source>Sjekke ut %1?</source>
        <translation>Sjekke ut %1?</translation>
    </message>
    <message>
        <source>Vil du sjekke ut?</source>
        <translation>Vil du sjekke ut?</translation>
    </message>
    <message>
        <source>Ja, sjekk ut</source>
        <translation>Ja, sjekk ut</translation>
    </message>
    <message>
        <source>Du kan også skanne passet en gang til for å svare ja.</source>
        <translation>Du kan òg skanne passet ein gong til for å svare ja.</translation>
    </message>
</context>
<context>
    <name>DeskDetails</name>
    <message>
        <source>skjerm</source>
        <translation>skjerm</translation>
    </message>
    <message>
        <source>to skjermer</source>
        <translation>to skjermar</translation>
    </message>
    <message>
        <source>hev-senk-pult</source>
        <translation>hev-senk-pult</translation>
    </message>
    <message>
        <source>stillesone</source>
        <translation>stillesone</translation>
    </message>
    <message>
        <source>trinnfri adkomst</source>
        <translation>trinnfri tilkomst</translation>
    </message>
    <message>
        <source>dokkingstasjon</source>
        <translation>dokkingstasjon</translation>
    </message>
    <message>
        <source>ved vinduet</source>
        <translation>ved vindauget</translation>
    </message>
    <message>
        <source>hodesett</source>
        <translation>hovudsett</translation>
    </message>
    <message>
        <source>kamera</source>
        <translation>kamera</translation>
    </message>
    <message>
        <source>Ledig resten av dagen</source>
        <translation>Ledig resten av dagen</translation>
    </message>
    <message>
        <source>Ledig til kl. %1 – booket etter det</source>
        <translation>Ledig til kl. %1 – booka etter det</translation>
    </message>
    <message>
        <source>Ledig til kl. %1</source>
        <translation>Ledig til kl. %1</translation>
    </message>
    <message>
        <source>Ta denne pulten</source>
        <translation>Ta denne pulten</translation>
    </message>
    <message>
        <source>Lukk</source>
        <translation>Lukk</translation>
    </message>
    <message>
        <source>Pulten blir din for i dag</source>
        <translation>Pulten blir din for i dag</translation>
    </message>
    <message>
        <source>Lukker opplysningene om pulten</source>
        <translation>Lukkar opplysningane om pulten</translation>
    </message>
    <message>
        <source>Pult %1</source>
        <translation>Pult %1</translation>
    </message>
    <message>
        <source>Sone: %1</source>
        <translation>Sone: %1</translation>
    </message>
    <message>
        <source>Utstyr: %1</source>
        <translation>Utstyr: %1</translation>
    </message>
</context>
<context>
    <name>DeskFlow</name>
    <message>
        <source>Ta pulten %1</source>
        <translation>Ta pulten %1</translation>
    </message>
    <message>
        <source>Finn en ledig pult for meg</source>
        <translation>Finn ein ledig pult til meg</translation>
    </message>
    <message>
        <source>Tilbake til kartet</source>
        <translation>Tilbake til kartet</translation>
    </message>
    <message>
        <source>Ta pulten %1 – skriv navnet ditt</source>
        <translation>Ta pulten %1 – skriv namnet ditt</translation>
    </message>
    <message>
        <source>Finn en ledig pult for meg – skriv navnet ditt</source>
        <translation>Finn ein ledig pult til meg – skriv namnet ditt</translation>
    </message>
    <message>
        <source>Forslag til deg:</source>
        <translation>Forslag til deg:</translation>
    </message>
    <message>
        <source>Pulten %1 er ikke tatt</source>
        <translation>Pulten %1 er ikkje teken</translation>
    </message>
    <message>
        <source>Ingen pult er tatt</source>
        <translation>Ingen pult er teken</translation>
    </message>
    <message>
        <source>Ingen svarte på spørsmålet, så ingenting er endret. Prøv igjen.</source>
        <translation>Ingen svarte på spørsmålet, så ingenting er endra. Prøv igjen.</translation>
    </message>
    <message>
        <source>Ingen ledig pult med det du trenger</source>
        <translation>Ingen ledig pult med det du treng</translation>
    </message>
    <message>
        <source>Ingen ledig pult har %1 akkurat nå. Spør gjerne i resepsjonen.</source>
        <translation>Ingen ledig pult har %1 akkurat no. Spør gjerne i resepsjonen.</translation>
    </message>
    <message>
        <source>Ingen ledige pulter akkurat nå</source>
        <translation>Ingen ledige pultar akkurat no</translation>
    </message>
    <message>
        <source>Alle pultene er tatt. Spør gjerne i resepsjonen.</source>
        <translation>Alle pultane er tekne. Spør gjerne i resepsjonen.</translation>
    </message>
    <message>
        <source>Pulten ble akkurat tatt, velg en annen.</source>
        <translation>Pulten vart nett teken, vel ein annan.</translation>
    </message>
    <message>
        <source>Pulten er ikke ledig lenger, velg en annen.</source>
        <translation>Pulten er ikkje ledig lenger, vel ein annan.</translation>
    </message>
    <message>
        <source>Lagret her på kiosken. Den blir bekreftet når kiosken er tilkoblet igjen.</source>
        <translation>Lagra her på kiosken. Pulten blir stadfesta når kiosken er kopla til igjen.</translation>
    </message>
    <message>
        <source>Velkommen, %1! Du er sjekket inn.</source>
        <translation>Velkomen, %1! Du er sjekka inn.</translation>
    </message>
    <message>
        <source>Velkommen! Du er sjekket inn.</source>
        <translation>Velkomen! Du er sjekka inn.</translation>
    </message>
    <message>
        <source>Du har allerede en pult i dag</source>
        <translation>Du har alt ein pult i dag</translation>
    </message>
    <message>
        <source>Den er merket på kartet. Sjekk inn når du er på plass.</source>
        <translation>Pulten er merkt på kartet. Sjekk inn når du er på plass.</translation>
    </message>
    <message>
        <source>%1 er din resten av dagen</source>
        <translation>%1 er din resten av dagen</translation>
    </message>
    <message>
        <source>%1 er din til kl. %2</source>
        <translation>%1 er din til kl. %2</translation>
    </message>
    <message>
        <source>%1 er din</source>
        <translation>%1 er din</translation>
    </message>
    <message>
        <source>Din pult i dag: %1</source>
        <translation>Din pult i dag: %1</translation>
    </message>
    <message>
        <source>Pulten %1 som du tok mens kiosken var frakoblet, hadde noen andre allerede fått. Velg gjerne en ny pult.</source>
        <translation>Pulten %1 som du tok medan kiosken var fråkopla, hadde nokon andre alt fått. Vel gjerne ein ny pult.</translation>
    </message>
    <message>
        <source>Ta pulten %1 – skriv PIN-koden din</source>
        <translation>Ta pulten %1 – skriv PIN-koden din</translation>
    </message>
    <message>
        <source>Finn en pult – skriv PIN-koden din</source>
        <translation>Finn ein pult – skriv PIN-koden din</translation>
    </message>
</context>
<context>
    <name>DeskNeeds</name>
    <message>
        <source>Trinnfri adkomst</source>
        <translation>Trinnfri tilkomst</translation>
    </message>
    <message>
        <source>Hev-senk-pult</source>
        <translation>Hev-senk-pult</translation>
    </message>
    <message>
        <source>Stillesone</source>
        <translation>Stillesone</translation>
    </message>
</context>
<context>
    <name>DeskNeedsScreen</name>
    <message>
        <source>Trenger du noe spesielt ved pulten?</source>
        <translation>Treng du noko spesielt ved pulten?</translation>
    </message>
    <message>
        <source>Velg det som gjelder deg, eller gå videre uten.</source>
        <translation>Vel det som gjeld deg, eller gå vidare utan.</translation>
    </message>
    <message>
        <source>Finn pult</source>
        <translation>Finn pult</translation>
    </message>
    <message>
        <source>Avbryt</source>
        <translation>Avbryt</translation>
    </message>
    <message>
        <source>Finner en ledig pult med det du valgte</source>
        <translation>Finn ein ledig pult med det du valde</translation>
    </message>
    <message>
        <source>Tilbake til kartet</source>
        <translation>Tilbake til kartet</translation>
    </message>
    <message>
        <source>Valg: %1.</source>
        <translation>Val: %1.</translation>
    </message>
    <message>
        <source>%1, valgt</source>
        <translation>%1, valt</translation>
    </message>
    <message>
        <source>Trykk for å velge eller velge bort</source>
        <translation>Trykk for å velje eller velje bort</translation>
    </message>
</context>
<context>
    <name>DeskState</name>
    <message>
        <source>Ledig</source>
        <translation>Ledig</translation>
    </message>
    <message>
        <source>Booket senere i dag</source>
        <translation>Booka seinare i dag</translation>
    </message>
    <message>
        <source>Opptatt</source>
        <translation>Oppteken</translation>
    </message>
    <message>
        <source>Fast plass</source>
        <translation>Fast plass</translation>
    </message>
    <message>
        <source>Ikke i bruk</source>
        <translation>Ikkje i bruk</translation>
    </message>
    <message>
        <source> (ikke bekreftet ennå)</source>
        <translation> (ikkje stadfesta enno)</translation>
    </message>
</context>
<context>
    <name>EvacuationList</name>
    <message>
        <source>Evakueringsliste</source>
        <translation>Evakueringsliste</translation>
    </message>
    <message>
        <source>%1 personer i bygget, %2 gjort rede for</source>
        <translation>%1 personar i bygget, %2 gjort greie for</translation>
    </message>
    <message>
        <source>Ingen er registrert i bygget nå.</source>
        <translation>Ingen er registrerte i bygget no.</translation>
    </message>
    <message>
        <source>Pult %1, %2</source>
        <translation>Pult %1, %2</translation>
    </message>
    <message>
        <source>Pult %1</source>
        <translation>Pult %1</translation>
    </message>
    <message>
        <source>Ingen pult</source>
        <translation>Ingen pult</translation>
    </message>
    <message>
        <source>(navn ikke synkronisert)</source>
        <translation>(namn ikkje synkronisert)</translation>
    </message>
    <message>
        <source>gjest</source>
        <translation>gjest</translation>
    </message>
    <message>
        <source>inn %1</source>
        <translation>inn %1</translation>
    </message>
    <message>
        <source>gjort rede for</source>
        <translation>gjort greie for</translation>
    </message>
</context>
<context>
    <name>EvacuationScreen</name>
    <message>
        <source>Evakueringsliste</source>
        <translation>Evakueringsliste</translation>
    </message>
    <message>
        <source>Skriv ut</source>
        <translation>Skriv ut</translation>
    </message>
    <message>
        <source>Skriv ut listen</source>
        <translation>Skriv ut lista</translation>
    </message>
    <message>
        <source>Lukk</source>
        <translation>Lukk</translation>
    </message>
    <message>
        <source>Lukk listen</source>
        <translation>Lukk lista</translation>
    </message>
    <message>
        <source>Avkrysningene blir glemt</source>
        <translation>Avkryssingane blir gløymde</translation>
    </message>
    <message>
        <source>1 person i bygget nå (per kl. %1)</source>
        <translation>1 person i bygget no (per kl. %1)</translation>
    </message>
    <message>
        <source>%1 personer i bygget nå (per kl. %2)</source>
        <translation>%1 personar i bygget no (per kl. %2)</translation>
    </message>
    <message>
        <source>Gjort rede for: %1 av %2</source>
        <translation>Gjort greie for: %1 av %2</translation>
    </message>
    <message>
        <source>Ingen er registrert i bygget nå.</source>
        <translation>Ingen er registrerte i bygget no.</translation>
    </message>
    <message>
        <source>Trykk for å ta bort avkrysningen</source>
        <translation>Trykk for å ta bort avkryssinga</translation>
    </message>
    <message>
        <source>Trykk når personen er gjort rede for</source>
        <translation>Trykk når personen er gjort greie for</translation>
    </message>
</context>
<context>
    <name>FloorMapScreen</name>
    <message>
        <source>Tilbake</source>
        <translation>Tilbake</translation>
    </message>
    <message>
        <source>Finn ledig pult</source>
        <translation>Finn ledig pult</translation>
    </message>
    <message>
        <source>Finn en ledig pult for meg</source>
        <translation>Finn ein ledig pult til meg</translation>
    </message>
    <message>
        <source>Tilbake til startskjermen</source>
        <translation>Tilbake til startskjermen</translation>
    </message>
    <message>
        <source>Kiosken velger en ledig pult som passer for deg</source>
        <translation>Kiosken vel ein ledig pult som passar for deg</translation>
    </message>
    <message>
        <source>Viser hele etasjen</source>
        <translation>Viser heile etasjen</translation>
    </message>
    <message>
        <source>Kart over pultene</source>
        <translation>Kart over pultane</translation>
    </message>
    <message>
        <source>Piltastene flytter mellom pultene, Enter velger pulten</source>
        <translation>Piltastane flyttar mellom pultane, Enter vel pulten</translation>
    </message>
    <message>
        <source>Zoom ut</source>
        <translation>Zoom ut</translation>
    </message>
    <message>
        <source>Zoom inn</source>
        <translation>Zoom inn</translation>
    </message>
    <message>
        <source>Trykk på kartet for å zoome inn</source>
        <translation>Trykk på kartet for å zoome inn</translation>
    </message>
    <message>
        <source>Dra i kartet for å se resten</source>
        <translation>Dra i kartet for å sjå resten</translation>
    </message>
    <message>
        <source>%1, valgt</source>
        <translation>%1, valt</translation>
    </message>
    <message>
        <source>Viser denne etasjen</source>
        <translation>Viser denne etasjen</translation>
    </message>
    <message>
        <source>Vis hele</source>
        <translation>Vis heile</translation>
    </message>
    <message>
        <source>Kartet er ikke klart ennå. Prøv igjen om litt, eller spør i resepsjonen.</source>
        <translation>Kartet er ikkje klart enno. Prøv igjen om litt, eller spør i resepsjonen.</translation>
    </message>
</context>
<context>
    <name>GuestChoiceScreen</name>
    <message>
        <source>Tilbake</source>
        <translation>Tilbake</translation>
    </message>
</context>
<context>
    <name>GuestFlow</name>
    <message>
        <source>Skriv navnet ditt.</source>
        <translation>Skriv namnet ditt.</translation>
    </message>
    <message>
        <source>Navnet er for langt. Skriv det på høyst 100 tegn.</source>
        <translation>Namnet er for langt. Skriv det på høgst 100 teikn.</translation>
    </message>
    <message>
        <source>Navnet kan bare ha bokstaver, mellomrom, bindestrek, apostrof og punktum.</source>
        <translation>Namnet kan berre ha bokstavar, mellomrom, bindestrek, apostrof og punktum.</translation>
    </message>
    <message>
        <source>Navnet på organisasjonen er for langt. Skriv det på høyst 100 tegn.</source>
        <translation>Namnet på organisasjonen er for langt. Skriv det på høgst 100 teikn.</translation>
    </message>
    <message>
        <source>Navnet på organisasjonen kan ikke ha symboler eller emoji.</source>
        <translation>Namnet på organisasjonen kan ikkje ha symbol eller emoji.</translation>
    </message>
    <message>
        <source>Dette ser ikke ut som et telefonnummer. Skriv for eksempel 412 34 567, eller +46 70 123 45 67 for et utenlandsk nummer.</source>
        <translation>Dette ser ikkje ut som eit telefonnummer. Skriv til dømes 412 34 567, eller +46 70 123 45 67 for eit utanlandsk nummer.</translation>
    </message>
    <message>
        <source>Dette ser ikke ut som en e-postadresse. Skriv for eksempel navn@firma.no.</source>
        <translation>Dette ser ikkje ut som ei e-postadresse. Skriv til dømes namn@firma.no.</translation>
    </message>
    <message>
        <source>Vi finner ikke den du skal besøke her. Velg en annen, eller spør i resepsjonen.</source>
        <translation>Vi finn ikkje den du skal vitje her. Vel ein annan, eller spør i resepsjonen.</translation>
    </message>
    <message>
        <source>Velg hvorfor du er her.</source>
        <translation>Vel kvifor du er her.</translation>
    </message>
    <message>
        <source>Møte</source>
        <translation>Møte</translation>
    </message>
    <message>
        <source>Faglig lunsj</source>
        <translation>Fagleg lunsj</translation>
    </message>
    <message>
        <source>Jobbe her i dag</source>
        <translation>Jobbe her i dag</translation>
    </message>
    <message>
        <source>Vi lagrer navnet ditt, organisasjonen, hvem du besøker og hvorfor, når du kom og gikk, og telefonnummer eller e-post hvis du skrev det.

Hvorfor: for å si fra til verten din, for å vite hvem som er i bygget hvis vi må evakuere, og for å kjenne deg igjen neste gang du kommer.

Hvor lenge: opplysningene slettes etter 30 dager.

Spørsmål, innsyn eller sletting: spør i resepsjonen. RegionLab Lister er ansvarlig for opplysningene.</source>
        <translation>Vi lagrar namnet ditt, organisasjonen, kven du vitjar og kvifor, når du kom og gjekk, og telefonnummer eller e-post om du skreiv det.

Kvifor: for å seie frå til verten din, for å vite kven som er i bygget om vi må evakuere, og for å kjenne deg att neste gong du kjem.

Kor lenge: opplysningane blir sletta etter 30 dagar.

Spørsmål, innsyn eller sletting: spør i resepsjonen. RegionLab Lister er ansvarleg for opplysningane.</translation>
    </message>
    <message>
        <source>Har du vært her før?</source>
        <translation>Har du vore her før?</translation>
    </message>
    <message>
        <source>Skriv telefonnummeret eller e-postadressen din, så kjenner vi deg igjen. Du kan også hoppe over.</source>
        <translation>Skriv telefonnummeret eller e-postadressa di, så kjenner vi deg att. Du kan òg hoppe over.</translation>
    </message>
    <message>
        <source>Hva heter du?</source>
        <translation>Kva heiter du?</translation>
    </message>
    <message>
        <source>Fornavn og etternavn, slik det skal stå på navneskiltet.</source>
        <translation>Førenamn og etternamn, slik det skal stå på namneskiltet.</translation>
    </message>
    <message>
        <source>Hvor kommer du fra?</source>
        <translation>Kvar kjem du frå?</translation>
    </message>
    <message>
        <source>Firma eller organisasjon. Du kan hoppe over hvis du kommer privat.</source>
        <translation>Firma eller organisasjon. Du kan hoppe over om du kjem privat.</translation>
    </message>
    <message>
        <source>Hvorfor er du her i dag?</source>
        <translation>Kvifor er du her i dag?</translation>
    </message>
    <message>
        <source>Kiosken har slått opp mange på kort tid. Prøv igjen om litt, eller hopp over.</source>
        <translation>Kiosken har slått opp mange på kort tid. Prøv igjen om litt, eller hopp over.</translation>
    </message>
    <message>
        <source>Vi får ikke sjekket om du har vært her før akkurat nå. Skriv navnet ditt.</source>
        <translation>Vi får ikkje sjekka om du har vore her før akkurat no. Skriv namnet ditt.</translation>
    </message>
    <message>
        <source>Velkommen tilbake! Er dette deg?</source>
        <translation>Velkomen att! Er dette deg?</translation>
    </message>
    <message>
        <source>Ja, det er meg</source>
        <translation>Ja, det er meg</translation>
    </message>
    <message>
        <source>Nei</source>
        <translation>Nei</translation>
    </message>
    <message>
        <source>Før vi lagrer: personvern</source>
        <translation>Før vi lagrar: personvern</translation>
    </message>
    <message>
        <source>Jeg har lest dette – sjekk meg inn</source>
        <translation>Eg har lese dette – sjekk meg inn</translation>
    </message>
    <message>
        <source>Avbryt</source>
        <translation>Avbryt</translation>
    </message>
    <message>
        <source>Du er ikke sjekket inn</source>
        <translation>Du er ikkje sjekka inn</translation>
    </message>
    <message>
        <source>Ingenting er lagret. Spør i resepsjonen hvis du vil bli sjekket inn.</source>
        <translation>Ingenting er lagra. Spør i resepsjonen om du vil bli sjekka inn.</translation>
    </message>
    <message>
        <source>Du er allerede sjekket ut</source>
        <translation>Du er allereie sjekka ut</translation>
    </message>
    <message>
        <source>Takk for besøket! Legg gjerne navneskiltet i kurven ved døra.</source>
        <translation>Takk for besøket! Legg gjerne namneskiltet i korga ved døra.</translation>
    </message>
    <message>
        <source>Velkommen, %1!</source>
        <translation>Velkomen, %1!</translation>
    </message>
    <message>
        <source>Du er sjekket inn kl. %1.</source>
        <translation>Du er sjekka inn kl. %1.</translation>
    </message>
    <message>
        <source>Vi har sagt fra til %1 at du er her.</source>
        <translation>Vi har sagt frå til %1 at du er her.</translation>
    </message>
    <message>
        <source>Vi sier fra til %1 så snart skjermen får kontakt med nettet igjen.</source>
        <translation>Vi seier frå til %1 så snart skjermen får kontakt med nettet att.</translation>
    </message>
    <message>
        <source>Vi fikk ikke sagt fra til %1. Spør i resepsjonen.</source>
        <translation>Vi fekk ikkje sagt frå til %1. Spør i resepsjonen.</translation>
    </message>
    <message>
        <source>Ta navneskiltet ditt fra skriveren. Skann QR-koden på det når du går.</source>
        <translation>Ta namneskiltet ditt frå skrivaren. Skann QR-koden på det når du går.</translation>
    </message>
    <message>
        <source>Navneskiltet ble ikke skrevet ut. Spør i resepsjonen om et skilt.</source>
        <translation>Namneskiltet vart ikkje skrive ut. Spør i resepsjonen om eit skilt.</translation>
    </message>
</context>
<context>
    <name>GuestHostScreen</name>
    <message>
        <source>Tilbake</source>
        <translation>Tilbake</translation>
    </message>
    <message>
        <source>Hvem skal du besøke?</source>
        <translation>Kven skal du vitje?</translation>
    </message>
    <message>
        <source>Fornavn eller etternavn</source>
        <translation>Førenamn eller etternamn</translation>
    </message>
    <message>
        <source>Navnet på verten din</source>
        <translation>Namnet på verten din</translation>
    </message>
    <message>
        <source>Skriv minst to bokstaver av navnet til den du skal besøke</source>
        <translation>Skriv minst to bokstavar av namnet til den du skal vitje</translation>
    </message>
    <message>
        <source>Ingen treff. Sjekk navnet, eller spør i resepsjonen.</source>
        <translation>Ingen treff. Sjekk namnet, eller spør i resepsjonen.</translation>
    </message>
    <message>
        <source>Trykk på den du skal besøke</source>
        <translation>Trykk på den du skal vitje</translation>
    </message>
</context>
<context>
    <name>GuestTextScreen</name>
    <message>
        <source>Tilbake</source>
        <translation>Tilbake</translation>
    </message>
    <message>
        <source>Hopp over</source>
        <translation>Hopp over</translation>
    </message>
    <message>
        <source>Neste</source>
        <translation>Neste</translation>
    </message>
    <message>
        <source>krøllalfa</source>
        <translation>krøllalfa</translation>
    </message>
    <message>
        <source>punktum</source>
        <translation>punktum</translation>
    </message>
    <message>
        <source>apostrof</source>
        <translation>apostrof</translation>
    </message>
    <message>
        <source>pluss</source>
        <translation>pluss</translation>
    </message>
    <message>
        <source>understrek</source>
        <translation>understrek</translation>
    </message>
    <message>
        <source>og-tegn</source>
        <translation>og-teikn</translation>
    </message>
</context>
<context>
    <name>HereTodayLabel</name>
    <message>
        <source>Her i dag: %1</source>
        <translation>Her i dag: %1</translation>
    </message>
    <message>
        <source>Klynger: %1</source>
        <translation>Klynger: %1</translation>
    </message>
    <message>
        <source>Næring</source>
        <translation>Næring</translation>
    </message>
    <message>
        <source>Utdanning</source>
        <translation>Utdanning</translation>
    </message>
    <message>
        <source>Naturforvaltning</source>
        <translation>Naturforvaltning</translation>
    </message>
    <message>
        <source>Helse</source>
        <translation>Helse</translation>
    </message>
    <message>
        <source>Barn og unge</source>
        <translation>Barn og unge</translation>
    </message>
</context>
<context>
    <name>IdentifyScreen</name>
    <message>
        <source>Finn navnet mitt</source>
        <translation>Finn namnet mitt</translation>
    </message>
    <message>
        <source>Avbryt</source>
        <translation>Avbryt</translation>
    </message>
    <message>
        <source>Søk opp navnet ditt med tastaturet på skjermen</source>
        <translation>Søk opp namnet ditt med tastaturet på skjermen</translation>
    </message>
    <message>
        <source>Et øyeblikk …</source>
        <translation>Eit augeblikk …</translation>
    </message>
    <message>
        <source>Hold QR-koden mot skanneren, eller finn navnet ditt og skriv PIN-koden din.</source>
        <translation>Hald QR-koden mot skannaren, eller finn namnet ditt og skriv PIN-koden din.</translation>
    </message>
    <message>
        <source>Hold QR-koden mot skanneren, eller finn navnet ditt.</source>
        <translation>Hald QR-koden mot skannaren, eller finn namnet ditt.</translation>
    </message>
</context>
<context>
    <name>IdleWarning</name>
    <message>
        <source>Er du der fortsatt?</source>
        <translation>Er du der framleis?</translation>
    </message>
    <message>
        <source>Mer tid</source>
        <translation>Meir tid</translation>
    </message>
    <message>
        <source>Kiosken venter lenger</source>
        <translation>Kiosken ventar lenger</translation>
    </message>
    <message numerus="yes">
        <source>Kiosken går tilbake til start om %n&#xa0;sekund(er).</source>
        <translation>
            <numerusform>Kiosken går tilbake til start om %n&#xa0;sekund.</numerusform>
            <numerusform>Kiosken går tilbake til start om %n&#xa0;sekund.</numerusform>
        </translation>
    </message>
    <message>
        <source>Trykk Mer tid hvis du trenger mer tid.</source>
        <translation>Trykk Meir tid om du treng meir tid.</translation>
    </message>
</context>
<context>
    <name>LunchFlow</name>
    <message>
        <source>Meld deg på: «%1»</source>
        <translation>Meld deg på: «%1»</translation>
    </message>
    <message>
        <source>Tilbake til startsiden</source>
        <translation>Tilbake til startsida</translation>
    </message>
    <message>
        <source>Meld deg på «%1» – skriv navnet ditt</source>
        <translation>Meld deg på «%1» – skriv namnet ditt</translation>
    </message>
    <message>
        <source>«%1» kl. %2 i %3.</source>
        <translation>«%1» kl. %2 i %3.</translation>
    </message>
    <message>
        <source>Du er påmeldt, %1!</source>
        <translation>Du er påmeld, %1!</translation>
    </message>
    <message>
        <source>Du er påmeldt!</source>
        <translation>Du er påmeld!</translation>
    </message>
    <message>
        <source>Påmeldingen er lagret her og sendes så snart kiosken er tilkoblet.</source>
        <translation>Påmeldinga er lagra her og blir send så snart kiosken er tilkopla.</translation>
    </message>
    <message>
        <source>Du er allerede påmeldt</source>
        <translation>Du er allereie påmeld</translation>
    </message>
    <message>
        <source>Den faglige lunsjen er full</source>
        <translation>Den faglege lunsjen er full</translation>
    </message>
    <message>
        <source>Alle %1 plassene er tatt. Spør i resepsjonen om det blir en plass ledig.</source>
        <translation>Alle dei %1 plassane er tekne. Spør i resepsjonen om det blir ein plass ledig.</translation>
    </message>
    <message>
        <source>Påmeldingen gikk ikke</source>
        <translation>Påmeldinga gjekk ikkje</translation>
    </message>
    <message>
        <source>Denne faglige lunsjen er over eller avlyst. Spør gjerne i resepsjonen.</source>
        <translation>Denne faglege lunsjen er over eller avlyst. Spør gjerne i resepsjonen.</translation>
    </message>
</context>
<context>
    <name>LunchPanel</name>
    <message>
        <source>Faglig lunsj i dag kl. %1: «%2»</source>
        <translation>Fagleg lunsj i dag kl. %1: «%2»</translation>
    </message>
    <message>
        <source>Fullt: alle %1 plassene er tatt</source>
        <translation>Fullt: alle dei %1 plassane er tekne</translation>
    </message>
    <message>
        <source>%1 av %2 plasser ledige</source>
        <translation>%1 av %2 plassar ledige</translation>
    </message>
    <message>
        <source>Meld meg på</source>
        <translation>Meld meg på</translation>
    </message>
    <message>
        <source>Meld meg på faglig lunsj</source>
        <translation>Meld meg på fagleg lunsj</translation>
    </message>
    <message>
        <source>Meld deg på med QR-koden eller navnet ditt</source>
        <translation>Meld deg på med QR-koden eller namnet ditt</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>RegionLab Lister – innsjekking</source>
        <translation>RegionLab Lister – innsjekking</translation>
    </message>
</context>
<context>
    <name>MapLegend</name>
    <message>
        <source>Forklaring</source>
        <translation>Forklaring</translation>
    </message>
    <message>
        <source>Ikke bekreftet ennå</source>
        <translation>Ikkje stadfesta enno</translation>
    </message>
    <message>
        <source>Din pult</source>
        <translation>Din pult</translation>
    </message>
</context>
<context>
    <name>MapView</name>
    <message>
        <source>Kart over %1</source>
        <translation>Kart over %1</translation>
    </message>
    <message>
        <source>Piltastene flytter mellom pultene, Enter velger pulten.</source>
        <translation>Piltastane flyttar mellom pultane, Enter vel pulten.</translation>
    </message>
</context>
<context>
    <name>NameActionScreen</name>
    <message>
        <source>Hva vil du gjøre?</source>
        <translation>Kva vil du gjere?</translation>
    </message>
    <message>
        <source>Sjekk inn</source>
        <translation>Sjekk inn</translation>
    </message>
    <message>
        <source>Registrerer at du er i bygget</source>
        <translation>Registrerer at du er i bygget</translation>
    </message>
    <message>
        <source>Sjekk ut</source>
        <translation>Sjekk ut</translation>
    </message>
    <message>
        <source>Registrerer at du har gått. Du trenger PIN-koden din.</source>
        <translation>Registrerer at du har gått. Du treng PIN-koden din.</translation>
    </message>
    <message>
        <source>Avbryt</source>
        <translation>Avbryt</translation>
    </message>
    <message>
        <source>Ingenting blir registrert</source>
        <translation>Ingenting blir registrert</translation>
    </message>
    <message>
        <source>Velg %1, %2 eller %3.</source>
        <translation>Vel %1, %2 eller %3.</translation>
    </message>
</context>
<context>
    <name>NameSearchScreen</name>
    <message>
        <source>Tilbake</source>
        <translation>Tilbake</translation>
    </message>
    <message>
        <source>Tilbake til startskjermen</source>
        <translation>Tilbake til startskjermen</translation>
    </message>
    <message>
        <source>Fornavn eller etternavn</source>
        <translation>Førenamn eller etternamn</translation>
    </message>
    <message>
        <source>Navn</source>
        <translation>Namn</translation>
    </message>
    <message>
        <source>Sjekk inn med navn – skriv navnet ditt</source>
        <translation>Sjekk inn med namn – skriv namnet ditt</translation>
    </message>
    <message>
        <source>Skriv minst to bokstaver</source>
        <translation>Skriv minst to bokstavar</translation>
    </message>
    <message>
        <source>Ingen treff</source>
        <translation>Ingen treff</translation>
    </message>
    <message>
        <source>Flere treff – skriv mer av navnet, eller trykk på ditt</source>
        <translation>Fleire treff – skriv meir av namnet, eller trykk på ditt</translation>
    </message>
    <message>
        <source>Trykk på navnet ditt</source>
        <translation>Trykk på namnet ditt</translation>
    </message>
    <message>
        <source>Skriv mer av navnet</source>
        <translation>Skriv meir av namnet</translation>
    </message>
</context>
<context>
    <name>Narration</name>
    <message>
        <source>valgt</source>
        <translation>vald</translation>
    </message>
    <message>
        <source>ikke valgt</source>
        <translation>ikkje vald</translation>
    </message>
    <message>
        <source>skrivefelt</source>
        <translation>skrivefelt</translation>
    </message>
</context>
<context>
    <name>OnScreenKeyboard</name>
    <message>
        <source>bindestrek</source>
        <translation>bindestrek</translation>
    </message>
    <message>
        <source>Slett</source>
        <translation>Slett</translation>
    </message>
    <message>
        <source>Slett siste tegn</source>
        <translation>Slett siste teikn</translation>
    </message>
    <message>
        <source>Mellomrom</source>
        <translation>Mellomrom</translation>
    </message>
    <message>
        <source>Tøm</source>
        <translation>Tøm</translation>
    </message>
    <message>
        <source>Tøm feltet</source>
        <translation>Tøm feltet</translation>
    </message>
</context>
<context>
    <name>PassProblem</name>
    <message>
        <source>Vi kunne ikke lese koden. Prøv igjen, eller sjekk inn med navn.</source>
        <translation>Vi kunne ikkje lese koden. Prøv igjen, eller sjekk inn med namn.</translation>
    </message>
    <message>
        <source>Denne koden er av en type kiosken ikke kjenner. Sjekk inn med navn, og be resepsjonen om et nytt pass.</source>
        <translation>Denne koden er av ein type kiosken ikkje kjenner. Sjekk inn med namn, og be resepsjonen om eit nytt pass.</translation>
    </message>
    <message>
        <source>Kiosken er ikke klar ennå og kan ikke lese pass. Sjekk inn med navn, eller prøv igjen om litt.</source>
        <translation>Kiosken er ikkje klar enno og kan ikkje lese pass. Sjekk inn med namn, eller prøv igjen om litt.</translation>
    </message>
    <message>
        <source>Kiosken kjenner ikke igjen dette passet. Sjekk inn med navn, og ta kontakt i resepsjonen.</source>
        <translation>Kiosken kjenner ikkje att dette passet. Sjekk inn med namn, og ta kontakt i resepsjonen.</translation>
    </message>
    <message>
        <source>Passet er ikke gyldig. Sjekk inn med navn, og ta kontakt i resepsjonen.</source>
        <translation>Passet er ikkje gyldig. Sjekk inn med namn, og ta kontakt i resepsjonen.</translation>
    </message>
    <message>
        <source>Passet ditt gjelder ikke ennå. Sjekk inn med navn, eller ta kontakt i resepsjonen.</source>
        <translation>Passet ditt gjeld ikkje enno. Sjekk inn med namn, eller ta kontakt i resepsjonen.</translation>
    </message>
    <message>
        <source>Passet ditt har gått ut. Ta kontakt i resepsjonen eller sjekk inn med navn.</source>
        <translation>Passet ditt har gått ut. Ta kontakt i resepsjonen eller sjekk inn med namn.</translation>
    </message>
    <message>
        <source>Dette passet gjelder et annet Statens hus-kontor. Sjekk inn med navn, eller ta kontakt i resepsjonen.</source>
        <translation>Dette passet gjeld eit anna Statens hus-kontor. Sjekk inn med namn, eller ta kontakt i resepsjonen.</translation>
    </message>
    <message>
        <source>Passet er sperret og kan ikke brukes. Ta kontakt i resepsjonen.</source>
        <translation>Passet er sperra og kan ikkje brukast. Ta kontakt i resepsjonen.</translation>
    </message>
    <message>
        <source>Du står ikke lenger på medlemslisten her, så passet virker ikke. Ta kontakt i resepsjonen.</source>
        <translation>Du står ikkje lenger på medlemslista her, så passet verkar ikkje. Ta kontakt i resepsjonen.</translation>
    </message>
    <message>
        <source>Koden kunne ikke leses</source>
        <translation>Koden kunne ikkje lesast</translation>
    </message>
    <message>
        <source>Kiosken er ikke klar</source>
        <translation>Kiosken er ikkje klar</translation>
    </message>
    <message>
        <source>Passet kan ikke brukes</source>
        <translation>Passet kan ikkje brukast</translation>
    </message>
    <message>
        <source>fra %1 til %2</source>
        <translation>frå %1 til %2</translation>
    </message>
    <message>
        <source>Dette er ikke et RegionLab-pass</source>
        <translation>Dette er ikkje eit RegionLab-pass</translation>
    </message>
    <message>
        <source>Vis fram QR-koden fra RegionLab-passet eller invitasjonen din, eller trykk «Sjekk inn med navn».</source>
        <translation>Vis fram QR-koden frå RegionLab-passet eller invitasjonen din, eller trykk «Sjekk inn med namn».</translation>
    </message>
    <message>
        <source>Invitasjonen gjelder ikke i dag</source>
        <translation>Invitasjonen gjeld ikkje i dag</translation>
    </message>
    <message>
        <source>Invitasjonen din gjelder %1. Ta kontakt i resepsjonen hvis du skulle vært her i dag.</source>
        <translation>Invitasjonen din gjeld %1. Ta kontakt i resepsjonen viss du skulle ha vore her i dag.</translation>
    </message>
</context>
<context>
    <name>PinFlow</name>
    <message>
        <source>For mange feil PIN-koder. Handlinger med navnet ditt er sperret i fem minutter (til kl. %1). Bruk passet ditt, eller spør betjeningen.</source>
        <translation>For mange feil PIN-kodar. Handlingar med namnet ditt er sperra i fem minutt (til kl. %1). Bruk passet ditt, eller spør betjeninga.</translation>
    </message>
    <message>
        <source>Sperret i fem minutter</source>
        <translation>Sperra i fem minutt</translation>
    </message>
    <message>
        <source>Du har ingen PIN-kode ennå</source>
        <translation>Du har ingen PIN-kode enno</translation>
    </message>
    <message>
        <source>Bruk passet ditt, eller spør betjeningen om en PIN-kode.</source>
        <translation>Bruk passet ditt, eller spør betjeninga om ein PIN-kode.</translation>
    </message>
    <message>
        <source>Feil PIN-kode. Prøv igjen.</source>
        <translation>Feil PIN-kode. Prøv igjen.</translation>
    </message>
</context>
<context>
    <name>PinPadScreen</name>
    <message>
        <source>PIN-kode</source>
        <translation>PIN-kode</translation>
    </message>
    <message>
        <source>Sifrene vises som prikker</source>
        <translation>Sifra blir viste som prikkar</translation>
    </message>
    <message>
        <source>4–6 sifre</source>
        <translation>4–6 siffer</translation>
    </message>
    <message>
        <source>Slett</source>
        <translation>Slett</translation>
    </message>
    <message>
        <source>Slett siste siffer</source>
        <translation>Slett siste siffer</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>Sjekker PIN-koden</source>
        <translation>Sjekkar PIN-koden</translation>
    </message>
    <message>
        <source>Avbryt</source>
        <translation>Avbryt</translation>
    </message>
    <message>
        <source>Ingenting blir registrert</source>
        <translation>Ingenting blir registrert</translation>
    </message>
    <message>
        <source>Skriv PIN-koden din</source>
        <translation>Skriv PIN-koden din</translation>
    </message>
    <message>
        <source>PIN-koden har 4 til 6 sifre.</source>
        <translation>PIN-koden har 4 til 6 siffer.</translation>
    </message>
    <message>
        <source>Skriv sifrene, og trykk OK.</source>
        <translation>Skriv sifra, og trykk OK.</translation>
    </message>
</context>
<context>
    <name>ResultScreen</name>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>Tilbake til startskjermen</source>
        <translation>Tilbake til startskjermen</translation>
    </message>
</context>
<context>
    <name>ScanHelpScreen</name>
    <message>
        <source>Tilbake</source>
        <translation>Tilbake</translation>
    </message>
    <message>
        <source>Tilbake til startskjermen</source>
        <translation>Tilbake til startskjermen</translation>
    </message>
    <message>
        <source>Sjekk inn med QR-kode</source>
        <translation>Sjekk inn med QR-kode</translation>
    </message>
    <message>
        <source>Kameraet er ikke tilgjengelig. Bruk skanneren eller sjekk inn med navn.</source>
        <translation>Kameraet er ikkje tilgjengeleg. Bruk skannaren eller sjekk inn med namn.</translation>
    </message>
    <message>
        <source>Kameraet starter …</source>
        <translation>Kameraet startar …</translation>
    </message>
    <message>
        <source>Har du ikke passet med deg? Gå tilbake og sjekk inn med navn.</source>
        <translation>Har du ikkje passet med deg? Gå tilbake og sjekk inn med namn.</translation>
    </message>
    <message>
        <source>Hold QR-koden mot skanneren</source>
        <translation>Hald QR-koden mot skannaren</translation>
    </message>
    <message>
        <source>Skanneren står ved siden av skjermen.</source>
        <translation>Skannaren står ved sida av skjermen.</translation>
    </message>
    <message>
        <source>Hold QR-koden inne i rammen</source>
        <translation>Hald QR-koden inne i ramma</translation>
    </message>
    <message>
        <source>Du kan også holde koden mot skanneren ved siden av skjermen.</source>
        <translation>Du kan òg halde koden mot skannaren ved sida av skjermen.</translation>
    </message>
</context>
<context>
    <name>SetupScreen</name>
    <message>
        <source>Kobler til sentralen …</source>
        <translation>Koplar til sentralen …</translation>
    </message>
    <message>
        <source>Kiosken er satt opp som %1. Starter …</source>
        <translation>Kiosken er sett opp som %1. Startar …</translation>
    </message>
    <message>
        <source>Dette er ikke en oppsettkode. En oppsettkode begynner med RLP1, så adressen til sentralen og 16 tegn.</source>
        <translation>Dette er ikkje ein oppsettkode. Ein oppsettkode byrjar med RLP1, så adressa til sentralen og 16 teikn.</translation>
    </message>
    <message>
        <source>Sentralen kjenner ikke denne koden. Sjekk at den er skrevet riktig, eller lag en ny.</source>
        <translation>Sentralen kjenner ikkje denne koden. Sjekk at han er skriven rett, eller lag ein ny.</translation>
    </message>
    <message>
        <source>Denne koden er allerede brukt. Lag en ny kode med «regionlab-central kiosk provision».</source>
        <translation>Denne koden er allereie brukt. Lag ein ny kode med «regionlab-central kiosk provision».</translation>
    </message>
    <message>
        <source>Denne koden er utløpt: en kode gjelder i 24 timer. Lag en ny kode med «regionlab-central kiosk provision».</source>
        <translation>Denne koden har gått ut: ein kode gjeld i 24 timar. Lag ein ny kode med «regionlab-central kiosk provision».</translation>
    </message>
    <message>
        <source>For mange feil koder. Vent ti minutter og prøv igjen.</source>
        <translation>For mange feil kodar. Vent ti minutt og prøv igjen.</translation>
    </message>
    <message>
        <source>Kiosken sender ikke nøkkelen sin ukryptert (http) til en annen maskin. Bruk en https-adresse.</source>
        <translation>Kiosken sender ikkje nøkkelen sin ukryptert (http) til ei anna maskin. Bruk ei https-adresse.</translation>
    </message>
    <message>
        <source>Sentralens sertifikat kunne ikke bekreftes. Sjekk adressen, eller sett en egen CA-fil (ca_file).</source>
        <translation>Sertifikatet til sentralen kunne ikkje stadfestast. Sjekk adressa, eller set ei eiga CA-fil (ca_file).</translation>
    </message>
    <message>
        <source>Får ikke kontakt med sentralen på %1. Sjekk nettverket og adressen, og prøv igjen.</source>
        <translation>Får ikkje kontakt med sentralen på %1. Sjekk nettverket og adressa, og prøv igjen.</translation>
    </message>
    <message>
        <source>Sentralen svarte med en feil. Prøv igjen om litt.</source>
        <translation>Sentralen svarte med ein feil. Prøv igjen om litt.</translation>
    </message>
    <message>
        <source>Kunne ikke lagre innstillingene på denne maskinen. Kontakt driftsansvarlig.</source>
        <translation>Kunne ikkje lagre innstillingane på denne maskina. Kontakt driftsansvarleg.</translation>
    </message>
    <message>
        <source>Sett opp kiosken</source>
        <translation>Set opp kiosken</translation>
    </message>
    <message>
        <source>Hold QR-koden fra «regionlab-central kiosk provision» foran kameraet eller skanneren, eller skriv koden inn og trykk «Bruk koden».</source>
        <translation>Hald QR-koden frå «regionlab-central kiosk provision» framfor kameraet eller skannaren, eller skriv koden inn og trykk «Bruk koden».</translation>
    </message>
    <message>
        <source>Oppsettkode</source>
        <translation>Oppsettkode</translation>
    </message>
    <message>
        <source>Bruk koden</source>
        <translation>Bruk koden</translation>
    </message>
    <message>
        <source>Mellomrom</source>
        <translation>Mellomrom</translation>
    </message>
    <message>
        <source>Slett</source>
        <translation>Slett</translation>
    </message>
    <message>
        <source>Slett siste tegn</source>
        <translation>Slett siste teikn</translation>
    </message>
    <message>
        <source>Tøm</source>
        <translation>Tøm</translation>
    </message>
    <message>
        <source>Tøm feltet</source>
        <translation>Tøm feltet</translation>
    </message>
</context>
<context>
    <name>StaffCorner</name>
    <message>
        <source>Personale</source>
        <translation>Personale</translation>
    </message>
    <message>
        <source>For personale: hold inne i fem sekunder</source>
        <translation>For personalet: hald inne i fem sekund</translation>
    </message>
</context>
<context>
    <name>StaffFlow</name>
    <message>
        <source>Ingen PIN-kode for personale er satt på denne kiosken. Se driftsveiledningen.</source>
        <translation>Ingen PIN-kode for personalet er sett på denne kiosken. Sjå driftsrettleiinga.</translation>
    </message>
    <message>
        <source>Feil PIN-kode. Prøv igjen.</source>
        <translation>Feil PIN-kode. Prøv igjen.</translation>
    </message>
    <message>
        <source>Synkroniserer …</source>
        <translation>Synkroniserer …</translation>
    </message>
    <message>
        <source>Utskriften gikk ikke. Sjekk skriveren og prøv igjen.</source>
        <translation>Utskrifta gjekk ikkje. Sjekk skrivaren og prøv igjen.</translation>
    </message>
    <message>
        <source>Listen er sendt til skriveren.</source>
        <translation>Lista er send til skrivaren.</translation>
    </message>
    <message>
        <source>Standardspråket er nå %1.</source>
        <translation>Standardspråket er no %1.</translation>
    </message>
    <message>
        <source>For mange feil forsøk. Prøv igjen kl. %1.</source>
        <translation>For mange feil forsøk. Prøv igjen kl. %1.</translation>
    </message>
</context>
<context>
    <name>StaffPinScreen</name>
    <message>
        <source>Personale</source>
        <translation>Personale</translation>
    </message>
    <message>
        <source>Skriv PIN-koden for personale.</source>
        <translation>Skriv PIN-koden for personalet.</translation>
    </message>
    <message>
        <source>Slett</source>
        <translation>Slett</translation>
    </message>
    <message>
        <source>Slett siste siffer</source>
        <translation>Slett siste siffer</translation>
    </message>
    <message>
        <source>Logg inn</source>
        <translation>Logg inn</translation>
    </message>
    <message>
        <source>Avbryt</source>
        <translation>Avbryt</translation>
    </message>
    <message>
        <source>Tilbake til startskjermen</source>
        <translation>Tilbake til startskjermen</translation>
    </message>
    <message>
        <source>PIN-kode: %1 sifre skrevet</source>
        <translation>PIN-kode: %1 siffer skrivne</translation>
    </message>
</context>
<context>
    <name>StaffScreen</name>
    <message>
        <source>Personale</source>
        <translation>Personale</translation>
    </message>
    <message>
        <source>Synkroniser nå</source>
        <translation>Synkroniser no</translation>
    </message>
    <message>
        <source>Sender det som venter og henter det nye fra sentralen</source>
        <translation>Sender det som ventar, og hentar det nye frå sentralen</translation>
    </message>
    <message>
        <source>Send registreringene satt til side på nytt</source>
        <translation>Send registreringane som er sette til sides på nytt</translation>
    </message>
    <message>
        <source>Når feilen hos sentralen er rettet</source>
        <translation>Når feilen hos sentralen er retta</translation>
    </message>
    <message>
        <source>Evakueringsliste</source>
        <translation>Evakueringsliste</translation>
    </message>
    <message>
        <source>Alle som er i bygget nå</source>
        <translation>Alle som er i bygget no</translation>
    </message>
    <message>
        <source>Start kiosken på nytt</source>
        <translation>Start kiosken på nytt</translation>
    </message>
    <message>
        <source>Avslutt kiosken</source>
        <translation>Avslutt kiosken</translation>
    </message>
    <message>
        <source>Tilbake til start</source>
        <translation>Tilbake til start</translation>
    </message>
    <message>
        <source>Kioskens standardspråk:</source>
        <translation>Standardspråket til kiosken:</translation>
    </message>
    <message>
        <source>Hendelser som venter på sending: %1</source>
        <translation>Hendingar som ventar på sending: %1</translation>
    </message>
    <message>
        <source>Sist synkronisert: %1</source>
        <translation>Sist synkronisert: %1</translation>
    </message>
    <message>
        <source>Aldri synkronisert</source>
        <translation>Aldri synkronisert</translation>
    </message>
    <message numerus="yes">
        <source>%n registrering(er) satt til side: sentralen avviste dem gang på gang. De er tatt vare på her; kontakt driftsansvarlig.</source>
        <translation>
            <numerusform>%n registrering sett til sides: sentralen avviste ho gong på gong. Ho er teken vare på her; kontakt driftsansvarleg.</numerusform>
            <numerusform>%n registreringar sette til sides: sentralen avviste dei gong på gong. Dei er tekne vare på her; kontakt driftsansvarleg.</numerusform>
        </translation>
    </message>
    <message>
        <source>%1, valgt</source>
        <translation>%1, valt</translation>
    </message>
</context>
<context>
    <name>StartScreen</name>
    <message>
        <source>RegionLab Lister</source>
        <translation>RegionLab Lister</translation>
    </message>
    <message>
        <source>Sjekk inn når du kommer, og sjekk ut når du går.</source>
        <translation>Sjekk inn når du kjem, og sjekk ut når du går.</translation>
    </message>
    <message>
        <source>Sjekk inn med QR-kode</source>
        <translation>Sjekk inn med QR-kode</translation>
    </message>
    <message>
        <source>Sjekk inn med navn</source>
        <translation>Sjekk inn med namn</translation>
    </message>
    <message>
        <source>Hold QR-koden mot skanneren</source>
        <translation>Hald QR-koden mot skannaren</translation>
    </message>
    <message>
        <source>Finn ledig pult</source>
        <translation>Finn ledig pult</translation>
    </message>
    <message>
        <source>Viser hvor du holder QR-koden</source>
        <translation>Viser kvar du held QR-koden</translation>
    </message>
    <message>
        <source>Søk opp navnet ditt med tastaturet på skjermen</source>
        <translation>Søk opp namnet ditt med tastaturet på skjermen</translation>
    </message>
    <message>
        <source>Viser kartet over pultene</source>
        <translation>Viser kartet over pultane</translation>
    </message>
    <message>
        <source>%1, valgt</source>
        <translation>%1, valt</translation>
    </message>
    <message>
        <source>Velg språk</source>
        <translation>Vel språk</translation>
    </message>
    <message>
        <source>Starter opp …</source>
        <translation>Startar opp …</translation>
    </message>
    <message>
        <source>Ingen ledige pulter akkurat nå</source>
        <translation>Ingen ledige pultar akkurat no</translation>
    </message>
    <message>
        <source>Ledige pulter nå: %1</source>
        <translation>Ledige pultar no: %1</translation>
    </message>
    <message>
        <source>Jeg er gjest</source>
        <translation>Eg er gjest</translation>
    </message>
    <message>
        <source>Sjekk inn som gjest og si fra til den du skal besøke</source>
        <translation>Sjekk inn som gjest og sei frå til den du skal vitje</translation>
    </message>
    <message>
        <source>Sjekk ut</source>
        <translation>Sjekk ut</translation>
    </message>
    <message>
        <source>Med passet, eller med navnet og PIN-koden din</source>
        <translation>Med passet, eller med namnet og PIN-koden din</translation>
    </message>
</context>
<context>
    <name>StatusIcon</name>
    <message>
        <source>Utført</source>
        <translation>Utført</translation>
    </message>
    <message>
        <source>Sjekket ut</source>
        <translation>Sjekka ut</translation>
    </message>
    <message>
        <source>Obs</source>
        <translation>Merk</translation>
    </message>
    <message>
        <source>Tilkoblet</source>
        <translation>Tilkopla</translation>
    </message>
    <message>
        <source>Frakoblet</source>
        <translation>Fråkopla</translation>
    </message>
    <message>
        <source>Sender</source>
        <translation>Sender</translation>
    </message>
    <message>
        <source>Venter</source>
        <translation>Ventar</translation>
    </message>
    <message>
        <source>Ikke godkjent</source>
        <translation>Ikkje godkjend</translation>
    </message>
</context>
<context>
    <name>SyncStatus</name>
    <message>
        <source>1 registrering er satt til side – kontakt driftsansvarlig</source>
        <translation>1 registrering er sett til sides – kontakt driftsansvarleg</translation>
    </message>
    <message>
        <source>%1 registreringer er satt til side – kontakt driftsansvarlig</source>
        <translation>%1 registreringar er sette til sides – kontakt driftsansvarleg</translation>
    </message>
    <message>
        <source>Den lokale databasen var skadet og er lagt til side – kontakt driftsansvarlig</source>
        <translation>Den lokale databasen var skadd og er lagd til sides – kontakt driftsansvarleg</translation>
    </message>
    <message>
        <source>Tilkoblet</source>
        <translation>Tilkopla</translation>
    </message>
    <message>
        <source>Frakoblet – alt er lagret her</source>
        <translation>Fråkopla – alt er lagra her</translation>
    </message>
    <message>
        <source>Frakoblet – 1 hendelse venter på sending</source>
        <translation>Fråkopla – 1 hending ventar på sending</translation>
    </message>
    <message>
        <source>Frakoblet – %1 hendelser venter på sending</source>
        <translation>Fråkopla – %1 hendingar ventar på sending</translation>
    </message>
    <message>
        <source>Sender %1 registreringer …</source>
        <translation>Sender %1 registreringar …</translation>
    </message>
    <message>
        <source>Kiosken er ikke godkjent – kontakt driftsansvarlig</source>
        <translation>Kiosken er ikkje godkjend – kontakt driftsansvarleg</translation>
    </message>
    <message>
        <source>Venter på første synkronisering</source>
        <translation>Ventar på første synkronisering</translation>
    </message>
</context>
<context>
    <name>TimeDisplay</name>
    <message>
        <source>dddd d. MMMM</source>
        <translation>dddd d. MMMM</translation>
    </message>
    <message>
        <source>dddd d. MMMM yyyy</source>
        <translation>dddd d. MMMM yyyy</translation>
    </message>
</context>
</TS>
