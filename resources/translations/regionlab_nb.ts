<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="nb_NO" sourcelanguage="nb_NO">
<context>
    <name>IdleWarning</name>
    <message numerus="yes">
        <source>Kiosken går tilbake til start om %n&#xa0;sekund(er).</source>
        <translation>
            <numerusform>Kiosken går tilbake til start om %n&#xa0;sekund.</numerusform>
            <numerusform>Kiosken går tilbake til start om %n&#xa0;sekunder.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>StaffScreen</name>
    <message numerus="yes">
        <source>%n registrering(er) satt til side: sentralen avviste dem gang på gang. De er tatt vare på her; kontakt driftsansvarlig.</source>
        <translation>
            <numerusform>%n registrering satt til side: sentralen avviste den gang på gang. Den er tatt vare på her; kontakt driftsansvarlig.</numerusform>
            <numerusform>%n registreringer satt til side: sentralen avviste dem gang på gang. De er tatt vare på her; kontakt driftsansvarlig.</numerusform>
        </translation>
    </message>
</context>
</TS>
