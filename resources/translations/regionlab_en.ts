<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_GB" sourcelanguage="nb_NO">
<context>
    <name>AccessBar</name>
    <message>
        <source>Stor tekst</source>
        <translation>Large text</translation>
    </message>
    <message>
        <source>Stor tekst, på</source>
        <translation>Large text, on</translation>
    </message>
    <message>
        <source>Trykk for vanlig tekststørrelse</source>
        <translation>Tap for the usual text size</translation>
    </message>
    <message>
        <source>Trykk for å gjøre all tekst større</source>
        <translation>Tap to make all text larger</translation>
    </message>
    <message>
        <source>Høy kontrast</source>
        <translation>High contrast</translation>
    </message>
    <message>
        <source>Høy kontrast, på</source>
        <translation>High contrast, on</translation>
    </message>
    <message>
        <source>Trykk for vanlige farger</source>
        <translation>Tap for the usual colours</translation>
    </message>
    <message>
        <source>Trykk for lys tekst på svart bakgrunn</source>
        <translation>Tap for light text on a black background</translation>
    </message>
    <message>
        <source>Opplesing er på</source>
        <translation>Reading aloud is on</translation>
    </message>
    <message>
        <source>Les opp for meg</source>
        <translation>Read aloud for me</translation>
    </message>
    <message>
        <source>Opplesing</source>
        <translation>Reading aloud</translation>
    </message>
    <message>
        <source>Trykk for å slå av opplesing</source>
        <translation>Tap to turn reading aloud off</translation>
    </message>
    <message>
        <source>Trykk for å få skjermen lest opp</source>
        <translation>Tap to have the screen read aloud</translation>
    </message>
</context>
<context>
    <name>BadgePrinter</name>
    <message>
        <source>GJEST</source>
        <translation>GUEST</translation>
    </message>
    <message>
        <source>Besøker: %1</source>
        <translation>Visiting: %1</translation>
    </message>
    <message>
        <source>Skann koden når du går, så er du sjekket ut</source>
        <translation>Scan the code when you leave to check out</translation>
    </message>
</context>
<context>
    <name>CheckinFlow</name>
    <message>
        <source>Velkommen, %1!</source>
        <translation>Welcome, %1!</translation>
    </message>
    <message>
        <source>Velkommen!</source>
        <translation>Welcome!</translation>
    </message>
    <message>
        <source>Du er sjekket inn kl. %1.</source>
        <translation>You checked in at %1.</translation>
    </message>
    <message>
        <source>Ha det, %1!</source>
        <translation>Goodbye, %1!</translation>
    </message>
    <message>
        <source>Ha det!</source>
        <translation>Goodbye!</translation>
    </message>
    <message>
        <source>Du er sjekket ut kl. %1.</source>
        <translation>You checked out at %1.</translation>
    </message>
    <message>
        <source>Du er ikke sjekket ut</source>
        <translation>You are not checked out</translation>
    </message>
    <message>
        <source>Du er ikke sjekket inn</source>
        <translation>You are not checked in</translation>
    </message>
    <message>
        <source>Ingen svarte på spørsmålet, så ingenting er endret. Prøv igjen.</source>
        <translation>Nobody answered the question, so nothing has changed. Please try again.</translation>
    </message>
    <message>
        <source>Noe gikk galt.</source>
        <translation>Something went wrong.</translation>
    </message>
    <message>
        <source>Prøv igjen.</source>
        <translation>Please try again.</translation>
    </message>
    <message>
        <source>Vi finner deg ikke</source>
        <translation>We can&apos;t find you</translation>
    </message>
    <message>
        <source>Du står ikke i listen over brukere her. Ta kontakt i resepsjonen.</source>
        <translation>You are not on the list of users here. Please ask at reception.</translation>
    </message>
    <message>
        <source>Kiosken får ikke lagret nå</source>
        <translation>The kiosk cannot save right now</translation>
    </message>
    <message>
        <source>Ingenting ble registrert. Sjekk inn med en annen kiosk, eller ta kontakt i resepsjonen.</source>
        <translation>Nothing was recorded. Check in at another kiosk, or ask at reception.</translation>
    </message>
    <message>
        <source>Det gikk ikke</source>
        <translation>That didn&apos;t work</translation>
    </message>
    <message>
        <source>Prøv igjen, eller ta kontakt i resepsjonen.</source>
        <translation>Try again, or ask at reception.</translation>
    </message>
    <message>
        <source>Takk, %1!</source>
        <translation>Thank you, %1!</translation>
    </message>
    <message>
        <source>Takk!</source>
        <translation>Thank you!</translation>
    </message>
    <message>
        <source>Du står som sjekket inn. Registrert kl. %1.</source>
        <translation>You are now checked in. Registered at %1.</translation>
    </message>
    <message>
        <source>Du står som sjekket ut. Registrert kl. %1.</source>
        <translation>You are now checked out. Registered at %1.</translation>
    </message>
    <message>
        <source>Sjekk inn – skriv PIN-koden din</source>
        <translation>Check in – type your PIN</translation>
    </message>
    <message>
        <source>Sjekk ut</source>
        <translation>Check out</translation>
    </message>
    <message>
        <source>Tilbake til startskjermen</source>
        <translation>Back to the start screen</translation>
    </message>
    <message>
        <source>Sjekk ut – skriv navnet ditt</source>
        <translation>Check out – type your name</translation>
    </message>
    <message>
        <source>Sjekk ut – skriv PIN-koden din</source>
        <translation>Check out – type your PIN</translation>
    </message>
</context>
<context>
    <name>ClosingNotice</name>
    <message>
        <source>Du er allerede sjekket ut</source>
        <translation>You are already checked out</translation>
    </message>
    <message>
        <source>Alle ble sjekket ut automatisk da kontoret stengte kl. %1. Skal du være her nå, skann passet en gang til.</source>
        <translation>Everyone was checked out automatically when the office closed at %1. If you are staying now, scan your pass once more.</translation>
    </message>
</context>
<context>
    <name>ConfirmScreen</name>
    <message>
        <source>Avbryt</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Ingenting blir registrert</source>
        <translation>Nothing is recorded</translation>
    </message>
    <message>
        <source>Bekrefter svaret</source>
        <translation>Confirms the answer</translation>
    </message>
    <message>
        <source>Ja</source>
        <translation>Yes</translation>
    </message>
    <message>
        <source>Velg %1 eller %2.</source>
        <translation>Choose %1 or %2.</translation>
    </message>
    <message>
        <source>Sjekke inn som %1?</source>
        <translation>Check in as %1?</translation>
    </message>
    <message>
        <source>Vil du sjekke inn?</source>
        <translation>Do you want to check in?</translation>
    </message>
    <message>
        <source>Ja, sjekk inn</source>
        <translation>Yes, check in</translation>
    </message>
    <message>
        <source>Sjekke ut %1?</source>
        <translation>Check out %1?</translation>
    </message>
    <message>
        <source>Vil du sjekke ut?</source>
        <translation>Do you want to check out?</translation>
    </message>
    <message>
        <source>Ja, sjekk ut</source>
        <translation>Yes, check out</translation>
    </message>
    <message>
        <source>Du kan også skanne passet en gang til for å svare ja.</source>
        <translation>You can also scan your pass again to say yes.</translation>
    </message>
</context>
<context>
    <name>DeskDetails</name>
    <message>
        <source>skjerm</source>
        <translation>screen</translation>
    </message>
    <message>
        <source>to skjermer</source>
        <translation>two screens</translation>
    </message>
    <message>
        <source>hev-senk-pult</source>
        <translation>sit-stand desk</translation>
    </message>
    <message>
        <source>stillesone</source>
        <translation>quiet zone</translation>
    </message>
    <message>
        <source>trinnfri adkomst</source>
        <translation>step-free access</translation>
    </message>
    <message>
        <source>dokkingstasjon</source>
        <translation>docking station</translation>
    </message>
    <message>
        <source>ved vinduet</source>
        <translation>by the window</translation>
    </message>
    <message>
        <source>hodesett</source>
        <translation>headset</translation>
    </message>
    <message>
        <source>kamera</source>
        <translation>camera</translation>
    </message>
    <message>
        <source>Ledig resten av dagen</source>
        <translation>Free for the rest of the day</translation>
    </message>
    <message>
        <source>Ledig til kl. %1 – booket etter det</source>
        <translation>Free until %1 – booked after that</translation>
    </message>
    <message>
        <source>Ledig til kl. %1</source>
        <translation>Free until %1</translation>
    </message>
    <message>
        <source>Ta denne pulten</source>
        <translation>Take this desk</translation>
    </message>
    <message>
        <source>Lukk</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>Pulten blir din for i dag</source>
        <translation>The desk is yours for today</translation>
    </message>
    <message>
        <source>Lukker opplysningene om pulten</source>
        <translation>Closes the desk&apos;s details</translation>
    </message>
    <message>
        <source>Pult %1</source>
        <translation>Desk %1</translation>
    </message>
    <message>
        <source>Sone: %1</source>
        <translation>Zone: %1</translation>
    </message>
    <message>
        <source>Utstyr: %1</source>
        <translation>Equipment: %1</translation>
    </message>
</context>
<context>
    <name>DeskFlow</name>
    <message>
        <source>Ta pulten %1</source>
        <translation>Take desk %1</translation>
    </message>
    <message>
        <source>Finn en ledig pult for meg</source>
        <translation>Find a free desk for me</translation>
    </message>
    <message>
        <source>Tilbake til kartet</source>
        <translation>Back to the map</translation>
    </message>
    <message>
        <source>Ta pulten %1 – skriv navnet ditt</source>
        <translation>Take desk %1 – type your name</translation>
    </message>
    <message>
        <source>Finn en ledig pult for meg – skriv navnet ditt</source>
        <translation>Find a free desk for me – type your name</translation>
    </message>
    <message>
        <source>Forslag til deg:</source>
        <translation>Suggested for you:</translation>
    </message>
    <message>
        <source>Pulten %1 er ikke tatt</source>
        <translation>Desk %1 was not taken</translation>
    </message>
    <message>
        <source>Ingen pult er tatt</source>
        <translation>No desk was taken</translation>
    </message>
    <message>
        <source>Ingen svarte på spørsmålet, så ingenting er endret. Prøv igjen.</source>
        <translation>Nobody answered the question, so nothing has changed. Please try again.</translation>
    </message>
    <message>
        <source>Ingen ledig pult med det du trenger</source>
        <translation>No free desk with what you need</translation>
    </message>
    <message>
        <source>Ingen ledig pult har %1 akkurat nå. Spør gjerne i resepsjonen.</source>
        <translation>No free desk has %1 right now. Please ask at reception.</translation>
    </message>
    <message>
        <source>Ingen ledige pulter akkurat nå</source>
        <translation>No free desks right now</translation>
    </message>
    <message>
        <source>Alle pultene er tatt. Spør gjerne i resepsjonen.</source>
        <translation>All desks are taken. Feel free to ask at reception.</translation>
    </message>
    <message>
        <source>Pulten ble akkurat tatt, velg en annen.</source>
        <translation>Someone just took that desk. Please choose another.</translation>
    </message>
    <message>
        <source>Pulten er ikke ledig lenger, velg en annen.</source>
        <translation>That desk is no longer free. Please choose another.</translation>
    </message>
    <message>
        <source>Lagret her på kiosken. Den blir bekreftet når kiosken er tilkoblet igjen.</source>
        <translation>Saved here on the kiosk. It will be confirmed when the kiosk is back online.</translation>
    </message>
    <message>
        <source>Velkommen, %1! Du er sjekket inn.</source>
        <translation>Welcome, %1! You are checked in.</translation>
    </message>
    <message>
        <source>Velkommen! Du er sjekket inn.</source>
        <translation>Welcome! You are checked in.</translation>
    </message>
    <message>
        <source>Du har allerede en pult i dag</source>
        <translation>You already have a desk today</translation>
    </message>
    <message>
        <source>Den er merket på kartet. Sjekk inn når du er på plass.</source>
        <translation>It is marked on the map. Check in when you get there.</translation>
    </message>
    <message>
        <source>%1 er din resten av dagen</source>
        <translation>%1 is yours for the rest of the day</translation>
    </message>
    <message>
        <source>%1 er din til kl. %2</source>
        <translation>%1 is yours until %2</translation>
    </message>
    <message>
        <source>%1 er din</source>
        <translation>%1 is yours</translation>
    </message>
    <message>
        <source>Din pult i dag: %1</source>
        <translation>Your desk today: %1</translation>
    </message>
    <message>
        <source>Pulten %1 som du tok mens kiosken var frakoblet, hadde noen andre allerede fått. Velg gjerne en ny pult.</source>
        <translation>Desk %1, which you took while the kiosk was offline, had already gone to someone else. Please choose a new desk.</translation>
    </message>
    <message>
        <source>Ta pulten %1 – skriv PIN-koden din</source>
        <translation>Take desk %1 – type your PIN</translation>
    </message>
    <message>
        <source>Finn en pult – skriv PIN-koden din</source>
        <translation>Find a desk – type your PIN</translation>
    </message>
</context>
<context>
    <name>DeskNeeds</name>
    <message>
        <source>Trinnfri adkomst</source>
        <translation>Step-free access</translation>
    </message>
    <message>
        <source>Hev-senk-pult</source>
        <translation>Height-adjustable desk</translation>
    </message>
    <message>
        <source>Stillesone</source>
        <translation>Quiet zone</translation>
    </message>
</context>
<context>
    <name>DeskNeedsScreen</name>
    <message>
        <source>Trenger du noe spesielt ved pulten?</source>
        <translation>Do you need anything in particular at your desk?</translation>
    </message>
    <message>
        <source>Velg det som gjelder deg, eller gå videre uten.</source>
        <translation>Choose what applies to you, or go on without.</translation>
    </message>
    <message>
        <source>Finn pult</source>
        <translation>Find a desk</translation>
    </message>
    <message>
        <source>Avbryt</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Finner en ledig pult med det du valgte</source>
        <translation>Finds a free desk with what you chose</translation>
    </message>
    <message>
        <source>Tilbake til kartet</source>
        <translation>Back to the map</translation>
    </message>
    <message>
        <source>Valg: %1.</source>
        <translation>Options: %1.</translation>
    </message>
    <message>
        <source>%1, valgt</source>
        <translation>%1, selected</translation>
    </message>
    <message>
        <source>Trykk for å velge eller velge bort</source>
        <translation>Tap to select or deselect</translation>
    </message>
</context>
<context>
    <name>DeskState</name>
    <message>
        <source>Ledig</source>
        <translation>Free</translation>
    </message>
    <message>
        <source>Booket senere i dag</source>
        <translation>Booked later today</translation>
    </message>
    <message>
        <source>Opptatt</source>
        <translation>Occupied</translation>
    </message>
    <message>
        <source>Fast plass</source>
        <translation>Assigned desk</translation>
    </message>
    <message>
        <source>Ikke i bruk</source>
        <translation>Not in use</translation>
    </message>
    <message>
        <source> (ikke bekreftet ennå)</source>
        <translation> (not confirmed yet)</translation>
    </message>
</context>
<context>
    <name>EvacuationList</name>
    <message>
        <source>Evakueringsliste</source>
        <translation>Evacuation list</translation>
    </message>
    <message>
        <source>%1 personer i bygget, %2 gjort rede for</source>
        <translation>%1 people in the building, %2 accounted for</translation>
    </message>
    <message>
        <source>Ingen er registrert i bygget nå.</source>
        <translation>Nobody is registered in the building now.</translation>
    </message>
    <message>
        <source>Pult %1, %2</source>
        <translation>Desk %1, %2</translation>
    </message>
    <message>
        <source>Pult %1</source>
        <translation>Desk %1</translation>
    </message>
    <message>
        <source>Ingen pult</source>
        <translation>No desk</translation>
    </message>
    <message>
        <source>(navn ikke synkronisert)</source>
        <translation>(name not synced yet)</translation>
    </message>
    <message>
        <source>gjest</source>
        <translation>guest</translation>
    </message>
    <message>
        <source>inn %1</source>
        <translation>in %1</translation>
    </message>
    <message>
        <source>gjort rede for</source>
        <translation>accounted for</translation>
    </message>
</context>
<context>
    <name>EvacuationScreen</name>
    <message>
        <source>Evakueringsliste</source>
        <translation>Evacuation list</translation>
    </message>
    <message>
        <source>Skriv ut</source>
        <translation>Print</translation>
    </message>
    <message>
        <source>Skriv ut listen</source>
        <translation>Print the list</translation>
    </message>
    <message>
        <source>Lukk</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>Lukk listen</source>
        <translation>Close the list</translation>
    </message>
    <message>
        <source>Avkrysningene blir glemt</source>
        <translation>The ticks are forgotten</translation>
    </message>
    <message>
        <source>1 person i bygget nå (per kl. %1)</source>
        <translation>1 person in the building now (as of %1)</translation>
    </message>
    <message>
        <source>%1 personer i bygget nå (per kl. %2)</source>
        <translation>%1 people in the building now (as of %2)</translation>
    </message>
    <message>
        <source>Gjort rede for: %1 av %2</source>
        <translation>Accounted for: %1 of %2</translation>
    </message>
    <message>
        <source>Ingen er registrert i bygget nå.</source>
        <translation>Nobody is registered in the building now.</translation>
    </message>
    <message>
        <source>Trykk for å ta bort avkrysningen</source>
        <translation>Tap to remove the tick</translation>
    </message>
    <message>
        <source>Trykk når personen er gjort rede for</source>
        <translation>Tap when the person is accounted for</translation>
    </message>
</context>
<context>
    <name>FloorMapScreen</name>
    <message>
        <source>Tilbake</source>
        <translation>Back</translation>
    </message>
    <message>
        <source>Finn ledig pult</source>
        <translation>Find a free desk</translation>
    </message>
    <message>
        <source>Finn en ledig pult for meg</source>
        <translation>Find a free desk for me</translation>
    </message>
    <message>
        <source>Tilbake til startskjermen</source>
        <translation>Back to the start screen</translation>
    </message>
    <message>
        <source>Kiosken velger en ledig pult som passer for deg</source>
        <translation>The kiosk chooses a free desk that suits you</translation>
    </message>
    <message>
        <source>Viser hele etasjen</source>
        <translation>Shows the whole floor</translation>
    </message>
    <message>
        <source>Kart over pultene</source>
        <translation>Map of the desks</translation>
    </message>
    <message>
        <source>Piltastene flytter mellom pultene, Enter velger pulten</source>
        <translation>The arrow keys move between desks, Enter chooses the desk</translation>
    </message>
    <message>
        <source>Zoom ut</source>
        <translation>Zoom out</translation>
    </message>
    <message>
        <source>Zoom inn</source>
        <translation>Zoom in</translation>
    </message>
    <message>
        <source>Trykk på kartet for å zoome inn</source>
        <translation>Tap the map to zoom in</translation>
    </message>
    <message>
        <source>Dra i kartet for å se resten</source>
        <translation>Drag the map to see the rest</translation>
    </message>
    <message>
        <source>%1, valgt</source>
        <translation>%1, selected</translation>
    </message>
    <message>
        <source>Viser denne etasjen</source>
        <translation>Shows this floor</translation>
    </message>
    <message>
        <source>Vis hele</source>
        <translation>Show all</translation>
    </message>
    <message>
        <source>Kartet er ikke klart ennå. Prøv igjen om litt, eller spør i resepsjonen.</source>
        <translation>The map is not ready yet. Try again in a moment, or ask at reception.</translation>
    </message>
</context>
<context>
    <name>GuestChoiceScreen</name>
    <message>
        <source>Tilbake</source>
        <translation>Back</translation>
    </message>
</context>
<context>
    <name>GuestFlow</name>
    <message>
        <source>Skriv navnet ditt.</source>
        <translation>Type your name.</translation>
    </message>
    <message>
        <source>Navnet er for langt. Skriv det på høyst 100 tegn.</source>
        <translation>The name is too long. Use at most 100 characters.</translation>
    </message>
    <message>
        <source>Navnet kan bare ha bokstaver, mellomrom, bindestrek, apostrof og punktum.</source>
        <translation>A name can only have letters, spaces, hyphens, apostrophes and full stops.</translation>
    </message>
    <message>
        <source>Navnet på organisasjonen er for langt. Skriv det på høyst 100 tegn.</source>
        <translation>The organisation&apos;s name is too long. Use at most 100 characters.</translation>
    </message>
    <message>
        <source>Navnet på organisasjonen kan ikke ha symboler eller emoji.</source>
        <translation>The organisation&apos;s name cannot have symbols or emoji.</translation>
    </message>
    <message>
        <source>Dette ser ikke ut som et telefonnummer. Skriv for eksempel 412 34 567, eller +46 70 123 45 67 for et utenlandsk nummer.</source>
        <translation>This does not look like a phone number. Type for example 412 34 567, or +46 70 123 45 67 for a number abroad.</translation>
    </message>
    <message>
        <source>Dette ser ikke ut som en e-postadresse. Skriv for eksempel navn@firma.no.</source>
        <translation>This does not look like an e-mail address. Type for example name@company.no.</translation>
    </message>
    <message>
        <source>Vi finner ikke den du skal besøke her. Velg en annen, eller spør i resepsjonen.</source>
        <translation>We cannot find the person you are visiting here. Choose someone else, or ask at the reception.</translation>
    </message>
    <message>
        <source>Velg hvorfor du er her.</source>
        <translation>Choose why you are here.</translation>
    </message>
    <message>
        <source>Møte</source>
        <translation>Meeting</translation>
    </message>
    <message>
        <source>Faglig lunsj</source>
        <translation>Lunch talk</translation>
    </message>
    <message>
        <source>Jobbe her i dag</source>
        <translation>Working here today</translation>
    </message>
    <message>
        <source>Vi lagrer navnet ditt, organisasjonen, hvem du besøker og hvorfor, når du kom og gikk, og telefonnummer eller e-post hvis du skrev det.

Hvorfor: for å si fra til verten din, for å vite hvem som er i bygget hvis vi må evakuere, og for å kjenne deg igjen neste gang du kommer.

Hvor lenge: opplysningene slettes etter 30 dager.

Spørsmål, innsyn eller sletting: spør i resepsjonen. RegionLab Lister er ansvarlig for opplysningene.</source>
        <translation>We store your name, your organisation, whom you visit and why, when you came and left, and your phone number or e-mail if you typed it.

Why: to tell your host, to know who is in the building if we must evacuate, and to recognise you next time.

How long: the details are deleted after 30 days.

Questions, access or deletion: ask at the reception. RegionLab Lister is responsible for the details.</translation>
    </message>
    <message>
        <source>Har du vært her før?</source>
        <translation>Have you been here before?</translation>
    </message>
    <message>
        <source>Skriv telefonnummeret eller e-postadressen din, så kjenner vi deg igjen. Du kan også hoppe over.</source>
        <translation>Type your phone number or e-mail address so we recognise you. You may also skip this.</translation>
    </message>
    <message>
        <source>Hva heter du?</source>
        <translation>What is your name?</translation>
    </message>
    <message>
        <source>Fornavn og etternavn, slik det skal stå på navneskiltet.</source>
        <translation>First and last name, as it should be on your badge.</translation>
    </message>
    <message>
        <source>Hvor kommer du fra?</source>
        <translation>Where are you from?</translation>
    </message>
    <message>
        <source>Firma eller organisasjon. Du kan hoppe over hvis du kommer privat.</source>
        <translation>Company or organisation. You may skip this if you come privately.</translation>
    </message>
    <message>
        <source>Hvorfor er du her i dag?</source>
        <translation>Why are you here today?</translation>
    </message>
    <message>
        <source>Kiosken har slått opp mange på kort tid. Prøv igjen om litt, eller hopp over.</source>
        <translation>This kiosk has looked up many people in a short time. Try again shortly, or skip.</translation>
    </message>
    <message>
        <source>Vi får ikke sjekket om du har vært her før akkurat nå. Skriv navnet ditt.</source>
        <translation>We cannot check whether you have been here before right now. Type your name.</translation>
    </message>
    <message>
        <source>Velkommen tilbake! Er dette deg?</source>
        <translation>Welcome back! Is this you?</translation>
    </message>
    <message>
        <source>Ja, det er meg</source>
        <translation>Yes, that is me</translation>
    </message>
    <message>
        <source>Nei</source>
        <translation>No</translation>
    </message>
    <message>
        <source>Før vi lagrer: personvern</source>
        <translation>Before we save: your privacy</translation>
    </message>
    <message>
        <source>Jeg har lest dette – sjekk meg inn</source>
        <translation>I have read this – check me in</translation>
    </message>
    <message>
        <source>Avbryt</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Du er ikke sjekket inn</source>
        <translation>You are not checked in</translation>
    </message>
    <message>
        <source>Ingenting er lagret. Spør i resepsjonen hvis du vil bli sjekket inn.</source>
        <translation>Nothing was saved. Ask at the reception if you want to be checked in.</translation>
    </message>
    <message>
        <source>Du er allerede sjekket ut</source>
        <translation>You are already checked out</translation>
    </message>
    <message>
        <source>Takk for besøket! Legg gjerne navneskiltet i kurven ved døra.</source>
        <translation>Thank you for visiting! Please leave your badge in the basket by the door.</translation>
    </message>
    <message>
        <source>Velkommen, %1!</source>
        <translation>Welcome, %1!</translation>
    </message>
    <message>
        <source>Du er sjekket inn kl. %1.</source>
        <translation>You are checked in at %1.</translation>
    </message>
    <message>
        <source>Vi har sagt fra til %1 at du er her.</source>
        <translation>We have told %1 that you are here.</translation>
    </message>
    <message>
        <source>Vi sier fra til %1 så snart skjermen får kontakt med nettet igjen.</source>
        <translation>We will tell %1 as soon as this kiosk is back online.</translation>
    </message>
    <message>
        <source>Vi fikk ikke sagt fra til %1. Spør i resepsjonen.</source>
        <translation>We could not tell %1. Please ask at the reception.</translation>
    </message>
    <message>
        <source>Ta navneskiltet ditt fra skriveren. Skann QR-koden på det når du går.</source>
        <translation>Take your badge from the printer. Scan its QR code when you leave.</translation>
    </message>
    <message>
        <source>Navneskiltet ble ikke skrevet ut. Spør i resepsjonen om et skilt.</source>
        <translation>Your badge was not printed. Ask at the reception for a badge.</translation>
    </message>
</context>
<context>
    <name>GuestHostScreen</name>
    <message>
        <source>Tilbake</source>
        <translation>Back</translation>
    </message>
    <message>
        <source>Hvem skal du besøke?</source>
        <translation>Whom are you visiting?</translation>
    </message>
    <message>
        <source>Fornavn eller etternavn</source>
        <translation>First or last name</translation>
    </message>
    <message>
        <source>Navnet på verten din</source>
        <translation>Your host&apos;s name</translation>
    </message>
    <message>
        <source>Skriv minst to bokstaver av navnet til den du skal besøke</source>
        <translation>Type at least two letters of the name of the person you visit</translation>
    </message>
    <message>
        <source>Ingen treff. Sjekk navnet, eller spør i resepsjonen.</source>
        <translation>No match. Check the name, or ask at the reception.</translation>
    </message>
    <message>
        <source>Trykk på den du skal besøke</source>
        <translation>Tap the person you are visiting</translation>
    </message>
</context>
<context>
    <name>GuestTextScreen</name>
    <message>
        <source>Tilbake</source>
        <translation>Back</translation>
    </message>
    <message>
        <source>Hopp over</source>
        <translation>Skip</translation>
    </message>
    <message>
        <source>Neste</source>
        <translation>Next</translation>
    </message>
    <message>
        <source>krøllalfa</source>
        <translation>at sign</translation>
    </message>
    <message>
        <source>punktum</source>
        <translation>full stop</translation>
    </message>
    <message>
        <source>apostrof</source>
        <translation>apostrophe</translation>
    </message>
    <message>
        <source>pluss</source>
        <translation>plus</translation>
    </message>
    <message>
        <source>understrek</source>
        <translation>underscore</translation>
    </message>
    <message>
        <source>og-tegn</source>
        <translation>ampersand</translation>
    </message>
</context>
<context>
    <name>HereTodayLabel</name>
    <message>
        <source>Her i dag: %1</source>
        <translation>Here today: %1</translation>
    </message>
    <message>
        <source>Klynger: %1</source>
        <translation>Clusters: %1</translation>
    </message>
    <message>
        <source>Næring</source>
        <translation>Business</translation>
    </message>
    <message>
        <source>Utdanning</source>
        <translation>Education</translation>
    </message>
    <message>
        <source>Naturforvaltning</source>
        <translation>Nature management</translation>
    </message>
    <message>
        <source>Helse</source>
        <translation>Health</translation>
    </message>
    <message>
        <source>Barn og unge</source>
        <translation>Children and youth</translation>
    </message>
</context>
<context>
    <name>IdentifyScreen</name>
    <message>
        <source>Finn navnet mitt</source>
        <translation>Find my name</translation>
    </message>
    <message>
        <source>Avbryt</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Søk opp navnet ditt med tastaturet på skjermen</source>
        <translation>Look up your name with the keyboard on the screen</translation>
    </message>
    <message>
        <source>Et øyeblikk …</source>
        <translation>One moment …</translation>
    </message>
    <message>
        <source>Hold QR-koden mot skanneren, eller finn navnet ditt og skriv PIN-koden din.</source>
        <translation>Hold the QR code to the scanner, or find your name and type your PIN.</translation>
    </message>
    <message>
        <source>Hold QR-koden mot skanneren, eller finn navnet ditt.</source>
        <translation>Hold the QR code to the scanner, or find your name.</translation>
    </message>
</context>
<context>
    <name>IdleWarning</name>
    <message>
        <source>Er du der fortsatt?</source>
        <translation>Are you still there?</translation>
    </message>
    <message>
        <source>Mer tid</source>
        <translation>More time</translation>
    </message>
    <message>
        <source>Kiosken venter lenger</source>
        <translation>The kiosk waits longer</translation>
    </message>
    <message numerus="yes">
        <source>Kiosken går tilbake til start om %n&#xa0;sekund(er).</source>
        <translation>
            <numerusform>The kiosk goes back to the start in %n&#xa0;second.</numerusform>
            <numerusform>The kiosk goes back to the start in %n&#xa0;seconds.</numerusform>
        </translation>
    </message>
    <message>
        <source>Trykk Mer tid hvis du trenger mer tid.</source>
        <translation>Tap More time if you need more time.</translation>
    </message>
</context>
<context>
    <name>LunchFlow</name>
    <message>
        <source>Meld deg på: «%1»</source>
        <translation>Sign up: “%1”</translation>
    </message>
    <message>
        <source>Tilbake til startsiden</source>
        <translation>Back to the start screen</translation>
    </message>
    <message>
        <source>Meld deg på «%1» – skriv navnet ditt</source>
        <translation>Sign up for “%1” – type your name</translation>
    </message>
    <message>
        <source>«%1» kl. %2 i %3.</source>
        <translation>“%1” at %2 in %3.</translation>
    </message>
    <message>
        <source>Du er påmeldt, %1!</source>
        <translation>You are signed up, %1!</translation>
    </message>
    <message>
        <source>Du er påmeldt!</source>
        <translation>You are signed up!</translation>
    </message>
    <message>
        <source>Påmeldingen er lagret her og sendes så snart kiosken er tilkoblet.</source>
        <translation>Your sign-up is saved here and will be sent as soon as the kiosk is online.</translation>
    </message>
    <message>
        <source>Du er allerede påmeldt</source>
        <translation>You are already signed up</translation>
    </message>
    <message>
        <source>Den faglige lunsjen er full</source>
        <translation>The lunch talk is full</translation>
    </message>
    <message>
        <source>Alle %1 plassene er tatt. Spør i resepsjonen om det blir en plass ledig.</source>
        <translation>All %1 seats are taken. Ask at reception whether a seat becomes free.</translation>
    </message>
    <message>
        <source>Påmeldingen gikk ikke</source>
        <translation>The sign-up did not go through</translation>
    </message>
    <message>
        <source>Denne faglige lunsjen er over eller avlyst. Spør gjerne i resepsjonen.</source>
        <translation>This lunch talk is over or cancelled. Feel free to ask at reception.</translation>
    </message>
</context>
<context>
    <name>LunchPanel</name>
    <message>
        <source>Faglig lunsj i dag kl. %1: «%2»</source>
        <translation>Lunch talk today at %1: “%2”</translation>
    </message>
    <message>
        <source>Fullt: alle %1 plassene er tatt</source>
        <translation>Full: all %1 seats are taken</translation>
    </message>
    <message>
        <source>%1 av %2 plasser ledige</source>
        <translation>%1 of %2 seats free</translation>
    </message>
    <message>
        <source>Meld meg på</source>
        <translation>Sign me up</translation>
    </message>
    <message>
        <source>Meld meg på faglig lunsj</source>
        <translation>Sign me up for the lunch talk</translation>
    </message>
    <message>
        <source>Meld deg på med QR-koden eller navnet ditt</source>
        <translation>Sign up with your QR code or your name</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>RegionLab Lister – innsjekking</source>
        <translation>RegionLab Lister – check-in</translation>
    </message>
</context>
<context>
    <name>MapLegend</name>
    <message>
        <source>Forklaring</source>
        <translation>Key</translation>
    </message>
    <message>
        <source>Ikke bekreftet ennå</source>
        <translation>Not confirmed yet</translation>
    </message>
    <message>
        <source>Din pult</source>
        <translation>Your desk</translation>
    </message>
</context>
<context>
    <name>MapView</name>
    <message>
        <source>Kart over %1</source>
        <translation>Map of %1</translation>
    </message>
    <message>
        <source>Piltastene flytter mellom pultene, Enter velger pulten.</source>
        <translation>The arrow keys move between desks, Enter chooses the desk.</translation>
    </message>
</context>
<context>
    <name>NameActionScreen</name>
    <message>
        <source>Hva vil du gjøre?</source>
        <translation>What would you like to do?</translation>
    </message>
    <message>
        <source>Sjekk inn</source>
        <translation>Check in</translation>
    </message>
    <message>
        <source>Registrerer at du er i bygget</source>
        <translation>Records that you are in the building</translation>
    </message>
    <message>
        <source>Sjekk ut</source>
        <translation>Check out</translation>
    </message>
    <message>
        <source>Registrerer at du har gått. Du trenger PIN-koden din.</source>
        <translation>Records that you have left. You need your PIN.</translation>
    </message>
    <message>
        <source>Avbryt</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Ingenting blir registrert</source>
        <translation>Nothing is recorded</translation>
    </message>
    <message>
        <source>Velg %1, %2 eller %3.</source>
        <translation>Choose %1, %2 or %3.</translation>
    </message>
</context>
<context>
    <name>NameSearchScreen</name>
    <message>
        <source>Tilbake</source>
        <translation>Back</translation>
    </message>
    <message>
        <source>Tilbake til startskjermen</source>
        <translation>Back to the start screen</translation>
    </message>
    <message>
        <source>Fornavn eller etternavn</source>
        <translation>First name or surname</translation>
    </message>
    <message>
        <source>Navn</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Sjekk inn med navn – skriv navnet ditt</source>
        <translation>Check in by name – type your name</translation>
    </message>
    <message>
        <source>Skriv minst to bokstaver</source>
        <translation>Type at least two letters</translation>
    </message>
    <message>
        <source>Ingen treff</source>
        <translation>No matches</translation>
    </message>
    <message>
        <source>Flere treff – skriv mer av navnet, eller trykk på ditt</source>
        <translation>More matches – type more of your name, or tap yours</translation>
    </message>
    <message>
        <source>Trykk på navnet ditt</source>
        <translation>Tap your name</translation>
    </message>
    <message>
        <source>Skriv mer av navnet</source>
        <translation>Type more of the name</translation>
    </message>
</context>
<context>
    <name>Narration</name>
    <message>
        <source>valgt</source>
        <translation>selected</translation>
    </message>
    <message>
        <source>ikke valgt</source>
        <translation>not selected</translation>
    </message>
    <message>
        <source>skrivefelt</source>
        <translation>text field</translation>
    </message>
</context>
<context>
    <name>OnScreenKeyboard</name>
    <message>
        <source>bindestrek</source>
        <translation>hyphen</translation>
    </message>
    <message>
        <source>Slett</source>
        <translation>Delete</translation>
    </message>
    <message>
        <source>Slett siste tegn</source>
        <translation>Delete the last character</translation>
    </message>
    <message>
        <source>Mellomrom</source>
        <translation>Space</translation>
    </message>
    <message>
        <source>Tøm</source>
        <translation>Clear</translation>
    </message>
    <message>
        <source>Tøm feltet</source>
        <translation>Clear the field</translation>
    </message>
</context>
<context>
    <name>PassProblem</name>
    <message>
        <source>Vi kunne ikke lese koden. Prøv igjen, eller sjekk inn med navn.</source>
        <translation>We couldn&apos;t read the code. Try again, or check in by name.</translation>
    </message>
    <message>
        <source>Denne koden er av en type kiosken ikke kjenner. Sjekk inn med navn, og be resepsjonen om et nytt pass.</source>
        <translation>The kiosk doesn&apos;t know this kind of code. Check in by name, and ask reception for a new pass.</translation>
    </message>
    <message>
        <source>Kiosken er ikke klar ennå og kan ikke lese pass. Sjekk inn med navn, eller prøv igjen om litt.</source>
        <translation>The kiosk isn&apos;t ready yet and cannot read passes. Check in by name, or try again shortly.</translation>
    </message>
    <message>
        <source>Kiosken kjenner ikke igjen dette passet. Sjekk inn med navn, og ta kontakt i resepsjonen.</source>
        <translation>The kiosk doesn&apos;t recognise this pass. Check in by name, and please ask at reception.</translation>
    </message>
    <message>
        <source>Passet er ikke gyldig. Sjekk inn med navn, og ta kontakt i resepsjonen.</source>
        <translation>This pass is not valid. Check in by name, and please ask at reception.</translation>
    </message>
    <message>
        <source>Passet ditt gjelder ikke ennå. Sjekk inn med navn, eller ta kontakt i resepsjonen.</source>
        <translation>Your pass is not valid yet. Check in by name, or ask at reception.</translation>
    </message>
    <message>
        <source>Passet ditt har gått ut. Ta kontakt i resepsjonen eller sjekk inn med navn.</source>
        <translation>Your pass has expired. Ask at reception or check in by name.</translation>
    </message>
    <message>
        <source>Dette passet gjelder et annet Statens hus-kontor. Sjekk inn med navn, eller ta kontakt i resepsjonen.</source>
        <translation>This pass is for another Statens hus office. Check in by name, or ask at reception.</translation>
    </message>
    <message>
        <source>Passet er sperret og kan ikke brukes. Ta kontakt i resepsjonen.</source>
        <translation>This pass is blocked and cannot be used. Please ask at reception.</translation>
    </message>
    <message>
        <source>Du står ikke lenger på medlemslisten her, så passet virker ikke. Ta kontakt i resepsjonen.</source>
        <translation>You are no longer on the member list here, so your pass does not work. Please ask at reception.</translation>
    </message>
    <message>
        <source>Koden kunne ikke leses</source>
        <translation>The code could not be read</translation>
    </message>
    <message>
        <source>Kiosken er ikke klar</source>
        <translation>The kiosk is not ready</translation>
    </message>
    <message>
        <source>Passet kan ikke brukes</source>
        <translation>This pass cannot be used</translation>
    </message>
    <message>
        <source>fra %1 til %2</source>
        <translation>from %1 to %2</translation>
    </message>
    <message>
        <source>Dette er ikke et RegionLab-pass</source>
        <translation>This is not a RegionLab pass</translation>
    </message>
    <message>
        <source>Vis fram QR-koden fra RegionLab-passet eller invitasjonen din, eller trykk «Sjekk inn med navn».</source>
        <translation>Show the QR code from your RegionLab pass or invitation, or tap “Check in by name”.</translation>
    </message>
    <message>
        <source>Invitasjonen gjelder ikke i dag</source>
        <translation>Your invitation is not for today</translation>
    </message>
    <message>
        <source>Invitasjonen din gjelder %1. Ta kontakt i resepsjonen hvis du skulle vært her i dag.</source>
        <translation>Your invitation is for %1. Please ask at reception if you should be here today.</translation>
    </message>
</context>
<context>
    <name>PinFlow</name>
    <message>
        <source>For mange feil PIN-koder. Handlinger med navnet ditt er sperret i fem minutter (til kl. %1). Bruk passet ditt, eller spør betjeningen.</source>
        <translation>Too many wrong PINs. Actions in your name are locked for five minutes (until %1). Use your pass, or ask the staff.</translation>
    </message>
    <message>
        <source>Sperret i fem minutter</source>
        <translation>Locked for five minutes</translation>
    </message>
    <message>
        <source>Du har ingen PIN-kode ennå</source>
        <translation>You have no PIN yet</translation>
    </message>
    <message>
        <source>Bruk passet ditt, eller spør betjeningen om en PIN-kode.</source>
        <translation>Use your pass, or ask the staff for a PIN.</translation>
    </message>
    <message>
        <source>Feil PIN-kode. Prøv igjen.</source>
        <translation>Wrong PIN. Please try again.</translation>
    </message>
</context>
<context>
    <name>PinPadScreen</name>
    <message>
        <source>PIN-kode</source>
        <translation>PIN</translation>
    </message>
    <message>
        <source>Sifrene vises som prikker</source>
        <translation>The digits show as dots</translation>
    </message>
    <message>
        <source>4–6 sifre</source>
        <translation>4–6 digits</translation>
    </message>
    <message>
        <source>Slett</source>
        <translation>Delete</translation>
    </message>
    <message>
        <source>Slett siste siffer</source>
        <translation>Delete the last digit</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>Sjekker PIN-koden</source>
        <translation>Checks the PIN</translation>
    </message>
    <message>
        <source>Avbryt</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Ingenting blir registrert</source>
        <translation>Nothing is recorded</translation>
    </message>
    <message>
        <source>Skriv PIN-koden din</source>
        <translation>Type your PIN</translation>
    </message>
    <message>
        <source>PIN-koden har 4 til 6 sifre.</source>
        <translation>The PIN has 4 to 6 digits.</translation>
    </message>
    <message>
        <source>Skriv sifrene, og trykk OK.</source>
        <translation>Type the digits, and press OK.</translation>
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
        <translation>Back to the start screen</translation>
    </message>
</context>
<context>
    <name>ScanHelpScreen</name>
    <message>
        <source>Tilbake</source>
        <translation>Back</translation>
    </message>
    <message>
        <source>Tilbake til startskjermen</source>
        <translation>Back to the start screen</translation>
    </message>
    <message>
        <source>Sjekk inn med QR-kode</source>
        <translation>Check in with QR code</translation>
    </message>
    <message>
        <source>Kameraet er ikke tilgjengelig. Bruk skanneren eller sjekk inn med navn.</source>
        <translation>The camera is not available. Use the scanner or check in by name.</translation>
    </message>
    <message>
        <source>Kameraet starter …</source>
        <translation>Starting the camera …</translation>
    </message>
    <message>
        <source>Har du ikke passet med deg? Gå tilbake og sjekk inn med navn.</source>
        <translation>No pass with you? Go back and check in by name.</translation>
    </message>
    <message>
        <source>Hold QR-koden mot skanneren</source>
        <translation>Hold the QR code to the scanner</translation>
    </message>
    <message>
        <source>Skanneren står ved siden av skjermen.</source>
        <translation>The scanner is beside the screen.</translation>
    </message>
    <message>
        <source>Hold QR-koden inne i rammen</source>
        <translation>Hold the QR code inside the frame</translation>
    </message>
    <message>
        <source>Du kan også holde koden mot skanneren ved siden av skjermen.</source>
        <translation>You can also hold the code to the scanner beside the screen.</translation>
    </message>
</context>
<context>
    <name>SetupScreen</name>
    <message>
        <source>Kobler til sentralen …</source>
        <translation>Connecting to the central store …</translation>
    </message>
    <message>
        <source>Kiosken er satt opp som %1. Starter …</source>
        <translation>The kiosk is set up as %1. Starting …</translation>
    </message>
    <message>
        <source>Dette er ikke en oppsettkode. En oppsettkode begynner med RLP1, så adressen til sentralen og 16 tegn.</source>
        <translation>This is not a set-up code. A set-up code starts with RLP1, then the central store&apos;s address and 16 characters.</translation>
    </message>
    <message>
        <source>Sentralen kjenner ikke denne koden. Sjekk at den er skrevet riktig, eller lag en ny.</source>
        <translation>The central store does not know this code. Check that it is typed correctly, or make a new one.</translation>
    </message>
    <message>
        <source>Denne koden er allerede brukt. Lag en ny kode med «regionlab-central kiosk provision».</source>
        <translation>This code has already been used. Make a new code with “regionlab-central kiosk provision”.</translation>
    </message>
    <message>
        <source>Denne koden er utløpt: en kode gjelder i 24 timer. Lag en ny kode med «regionlab-central kiosk provision».</source>
        <translation>This code has expired: a code is valid for 24 hours. Make a new code with “regionlab-central kiosk provision”.</translation>
    </message>
    <message>
        <source>For mange feil koder. Vent ti minutter og prøv igjen.</source>
        <translation>Too many wrong codes. Wait ten minutes and try again.</translation>
    </message>
    <message>
        <source>Kiosken sender ikke nøkkelen sin ukryptert (http) til en annen maskin. Bruk en https-adresse.</source>
        <translation>The kiosk does not send its key unencrypted (http) to another machine. Use an https address.</translation>
    </message>
    <message>
        <source>Sentralens sertifikat kunne ikke bekreftes. Sjekk adressen, eller sett en egen CA-fil (ca_file).</source>
        <translation>The central store&apos;s certificate could not be verified. Check the address, or set a CA file of your own (ca_file).</translation>
    </message>
    <message>
        <source>Får ikke kontakt med sentralen på %1. Sjekk nettverket og adressen, og prøv igjen.</source>
        <translation>Cannot reach the central store at %1. Check the network and the address, and try again.</translation>
    </message>
    <message>
        <source>Sentralen svarte med en feil. Prøv igjen om litt.</source>
        <translation>The central store answered with an error. Try again in a moment.</translation>
    </message>
    <message>
        <source>Kunne ikke lagre innstillingene på denne maskinen. Kontakt driftsansvarlig.</source>
        <translation>Could not save the settings on this machine. Contact the person in charge of operations.</translation>
    </message>
    <message>
        <source>Sett opp kiosken</source>
        <translation>Set up the kiosk</translation>
    </message>
    <message>
        <source>Hold QR-koden fra «regionlab-central kiosk provision» foran kameraet eller skanneren, eller skriv koden inn og trykk «Bruk koden».</source>
        <translation>Hold the QR code from “regionlab-central kiosk provision” to the camera or the scanner, or type the code and press “Use the code”.</translation>
    </message>
    <message>
        <source>Oppsettkode</source>
        <translation>Set-up code</translation>
    </message>
    <message>
        <source>Bruk koden</source>
        <translation>Use the code</translation>
    </message>
    <message>
        <source>Mellomrom</source>
        <translation>Space</translation>
    </message>
    <message>
        <source>Slett</source>
        <translation>Delete</translation>
    </message>
    <message>
        <source>Slett siste tegn</source>
        <translation>Delete the last character</translation>
    </message>
    <message>
        <source>Tøm</source>
        <translation>Clear</translation>
    </message>
    <message>
        <source>Tøm feltet</source>
        <translation>Clear the field</translation>
    </message>
</context>
<context>
    <name>StaffCorner</name>
    <message>
        <source>Personale</source>
        <translation>Staff</translation>
    </message>
    <message>
        <source>For personale: hold inne i fem sekunder</source>
        <translation>For staff: hold for five seconds</translation>
    </message>
</context>
<context>
    <name>StaffFlow</name>
    <message>
        <source>Ingen PIN-kode for personale er satt på denne kiosken. Se driftsveiledningen.</source>
        <translation>No staff PIN is set on this kiosk. See the operations guide.</translation>
    </message>
    <message>
        <source>Feil PIN-kode. Prøv igjen.</source>
        <translation>Wrong PIN. Please try again.</translation>
    </message>
    <message>
        <source>Synkroniserer …</source>
        <translation>Syncing …</translation>
    </message>
    <message>
        <source>Utskriften gikk ikke. Sjekk skriveren og prøv igjen.</source>
        <translation>Printing failed. Check the printer and try again.</translation>
    </message>
    <message>
        <source>Listen er sendt til skriveren.</source>
        <translation>The list was sent to the printer.</translation>
    </message>
    <message>
        <source>Standardspråket er nå %1.</source>
        <translation>The default language is now %1.</translation>
    </message>
    <message>
        <source>For mange feil forsøk. Prøv igjen kl. %1.</source>
        <translation>Too many wrong tries. Try again at %1.</translation>
    </message>
</context>
<context>
    <name>StaffPinScreen</name>
    <message>
        <source>Personale</source>
        <translation>Staff</translation>
    </message>
    <message>
        <source>Skriv PIN-koden for personale.</source>
        <translation>Enter the staff PIN.</translation>
    </message>
    <message>
        <source>Slett</source>
        <translation>Delete</translation>
    </message>
    <message>
        <source>Slett siste siffer</source>
        <translation>Delete the last digit</translation>
    </message>
    <message>
        <source>Logg inn</source>
        <translation>Sign in</translation>
    </message>
    <message>
        <source>Avbryt</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Tilbake til startskjermen</source>
        <translation>Back to the start screen</translation>
    </message>
    <message>
        <source>PIN-kode: %1 sifre skrevet</source>
        <translation>PIN: %1 digits typed</translation>
    </message>
</context>
<context>
    <name>StaffScreen</name>
    <message>
        <source>Personale</source>
        <translation>Staff</translation>
    </message>
    <message>
        <source>Synkroniser nå</source>
        <translation>Sync now</translation>
    </message>
    <message>
        <source>Sender det som venter og henter det nye fra sentralen</source>
        <translation>Sends what is waiting and fetches what is new from the central store</translation>
    </message>
    <message>
        <source>Send registreringene satt til side på nytt</source>
        <translation>Send the check-ins set aside again</translation>
    </message>
    <message>
        <source>Når feilen hos sentralen er rettet</source>
        <translation>Once the central store&apos;s problem is fixed</translation>
    </message>
    <message>
        <source>Evakueringsliste</source>
        <translation>Evacuation list</translation>
    </message>
    <message>
        <source>Alle som er i bygget nå</source>
        <translation>Everyone in the building now</translation>
    </message>
    <message>
        <source>Start kiosken på nytt</source>
        <translation>Restart the kiosk</translation>
    </message>
    <message>
        <source>Avslutt kiosken</source>
        <translation>Shut down the kiosk</translation>
    </message>
    <message>
        <source>Tilbake til start</source>
        <translation>Back to start</translation>
    </message>
    <message>
        <source>Kioskens standardspråk:</source>
        <translation>The kiosk&apos;s default language:</translation>
    </message>
    <message>
        <source>Hendelser som venter på sending: %1</source>
        <translation>Events waiting to be sent: %1</translation>
    </message>
    <message>
        <source>Sist synkronisert: %1</source>
        <translation>Last synced: %1</translation>
    </message>
    <message>
        <source>Aldri synkronisert</source>
        <translation>Never synced</translation>
    </message>
    <message numerus="yes">
        <source>%n registrering(er) satt til side: sentralen avviste dem gang på gang. De er tatt vare på her; kontakt driftsansvarlig.</source>
        <translation>
            <numerusform>%n check-in set aside: the central store refused it again and again. It is kept here; contact the operator.</numerusform>
            <numerusform>%n check-ins set aside: the central store refused them again and again. They are kept here; contact the operator.</numerusform>
        </translation>
    </message>
    <message>
        <source>%1, valgt</source>
        <translation>%1, selected</translation>
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
        <translation>Check in when you arrive, and check out when you leave.</translation>
    </message>
    <message>
        <source>Sjekk inn med QR-kode</source>
        <translation>Check in with QR code</translation>
    </message>
    <message>
        <source>Sjekk inn med navn</source>
        <translation>Check in by name</translation>
    </message>
    <message>
        <source>Hold QR-koden mot skanneren</source>
        <translation>Hold the QR code to the scanner</translation>
    </message>
    <message>
        <source>Finn ledig pult</source>
        <translation>Find a free desk</translation>
    </message>
    <message>
        <source>Viser hvor du holder QR-koden</source>
        <translation>Shows where to hold the QR code</translation>
    </message>
    <message>
        <source>Søk opp navnet ditt med tastaturet på skjermen</source>
        <translation>Look up your name with the keyboard on the screen</translation>
    </message>
    <message>
        <source>Viser kartet over pultene</source>
        <translation>Shows the map of the desks</translation>
    </message>
    <message>
        <source>%1, valgt</source>
        <translation>%1, selected</translation>
    </message>
    <message>
        <source>Velg språk</source>
        <translation>Choose language</translation>
    </message>
    <message>
        <source>Starter opp …</source>
        <translation>Starting up …</translation>
    </message>
    <message>
        <source>Ingen ledige pulter akkurat nå</source>
        <translation>No free desks right now</translation>
    </message>
    <message>
        <source>Ledige pulter nå: %1</source>
        <translation>Free desks now: %1</translation>
    </message>
    <message>
        <source>Jeg er gjest</source>
        <translation>I am a guest</translation>
    </message>
    <message>
        <source>Sjekk inn som gjest og si fra til den du skal besøke</source>
        <translation>Check in as a guest and tell the person you are visiting</translation>
    </message>
    <message>
        <source>Sjekk ut</source>
        <translation>Check out</translation>
    </message>
    <message>
        <source>Med passet, eller med navnet og PIN-koden din</source>
        <translation>With your pass, or with your name and PIN</translation>
    </message>
</context>
<context>
    <name>StatusIcon</name>
    <message>
        <source>Utført</source>
        <translation>Done</translation>
    </message>
    <message>
        <source>Sjekket ut</source>
        <translation>Checked out</translation>
    </message>
    <message>
        <source>Obs</source>
        <translation>Attention</translation>
    </message>
    <message>
        <source>Tilkoblet</source>
        <translation>Online</translation>
    </message>
    <message>
        <source>Frakoblet</source>
        <translation>Offline</translation>
    </message>
    <message>
        <source>Sender</source>
        <translation>Sending</translation>
    </message>
    <message>
        <source>Venter</source>
        <translation>Waiting</translation>
    </message>
    <message>
        <source>Ikke godkjent</source>
        <translation>Not approved</translation>
    </message>
</context>
<context>
    <name>SyncStatus</name>
    <message>
        <source>1 registrering er satt til side – kontakt driftsansvarlig</source>
        <translation>1 record set aside – contact the person in charge</translation>
    </message>
    <message>
        <source>%1 registreringer er satt til side – kontakt driftsansvarlig</source>
        <translation>%1 records set aside – contact the person in charge</translation>
    </message>
    <message>
        <source>Den lokale databasen var skadet og er lagt til side – kontakt driftsansvarlig</source>
        <translation>The local database was damaged and has been set aside – contact the person in charge</translation>
    </message>
    <message>
        <source>Tilkoblet</source>
        <translation>Online</translation>
    </message>
    <message>
        <source>Frakoblet – alt er lagret her</source>
        <translation>Offline – everything is saved here</translation>
    </message>
    <message>
        <source>Frakoblet – 1 hendelse venter på sending</source>
        <translation>Offline – 1 event waiting to be sent</translation>
    </message>
    <message>
        <source>Frakoblet – %1 hendelser venter på sending</source>
        <translation>Offline – %1 events waiting to be sent</translation>
    </message>
    <message>
        <source>Sender %1 registreringer …</source>
        <translation>Sending %1 registrations …</translation>
    </message>
    <message>
        <source>Kiosken er ikke godkjent – kontakt driftsansvarlig</source>
        <translation>This kiosk is not approved – please contact IT operations</translation>
    </message>
    <message>
        <source>Venter på første synkronisering</source>
        <translation>Waiting for the first sync</translation>
    </message>
</context>
<context>
    <name>TimeDisplay</name>
    <message>
        <source>dddd d. MMMM</source>
        <translation>dddd d MMMM</translation>
    </message>
    <message>
        <source>dddd d. MMMM yyyy</source>
        <translation>dddd d MMMM yyyy</translation>
    </message>
</context>
</TS>
