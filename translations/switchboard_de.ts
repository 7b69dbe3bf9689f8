<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de">
<context>
    <name>AboutDialog</name>
    <message>
        <source>windows, networking, database access</source>
        <translation>Fenster, Netzwerk, Datenbankzugriff</translation>
    </message>
    <message>
        <source>statistics charts, the webhook server</source>
        <translation>Statistik-Diagramme, der Webhook-Server</translation>
    </message>
    <message>
        <source>waiting on the network without freezing</source>
        <translation>Warten auf das Netzwerk, ohne dass etwas stockt</translation>
    </message>
    <message>
        <source>reading and writing phone numbers</source>
        <translation>Telefonnummern lesen und schreiben</translation>
    </message>
    <message>
        <source>used by libphonenumber</source>
        <translation>von libphonenumber verwendet</translation>
    </message>
    <message>
        <source>languages and time zones</source>
        <translation>Sprachen und Zeitzonen</translation>
    </message>
    <message>
        <source>signatures and encryption</source>
        <translation>Signaturen und Verschlüsselung</translation>
    </message>
    <message>
        <source>the database</source>
        <translation>die Datenbank</translation>
    </message>
    <message>
        <source>public domain</source>
        <translation>gemeinfrei</translation>
    </message>
    <message>
        <source>keeping secrets in the system&apos;s keychain</source>
        <translation>Geheimnisse im Schlüsselbund des Systems aufbewahren</translation>
    </message>
    <message>
        <source>About Switchboard</source>
        <translation>Über Switchboard</translation>
    </message>
    <message>
        <source>Answers your business&apos;s Twilio numbers on this computer: callers with a booking talk to your AI receptionist, everyone else rings a person.</source>
        <translation>Nimmt die Twilio-Nummern Ihres Betriebs auf diesem Rechner an: Anrufer mit einem Termin sprechen mit Ihrer KI-Rezeption, bei allen anderen klingelt ein Mensch.</translation>
    </message>
    <message>
        <source>Built with Qt %1, running on Qt %2.</source>
        <translation>Gebaut mit Qt %1, läuft auf Qt %2.</translation>
    </message>
    <message>
        <source>Built on these libraries, under their licences:</source>
        <translation>Gebaut auf diesen Bibliotheken, unter ihren Lizenzen:</translation>
    </message>
    <message>
        <source>Because Qt Charts and Qt HTTP Server are under the GPL, Switchboard as a whole is distributed under the GPL-3.0.</source>
        <translation>Da Qt Charts und Qt HTTP Server unter der GPL stehen, wird Switchboard als Ganzes unter der GPL-3.0 verbreitet.</translation>
    </message>
    <message>
        <source>playing voicemails</source>
        <translation>Abspielen von Mailbox-Nachrichten</translation>
    </message>
</context>
<context>
    <name>AccountPage</name>
    <message>
        <source>Your Twilio account</source>
        <translation>Ihr Twilio-Konto</translation>
    </message>
    <message>
        <source>Your phone numbers live at Twilio: with your account Switchboard finds them and points them here, and the auth token proves that each call really comes from Twilio.</source>
        <translation>Ihre Telefonnummern liegen bei Twilio: Mit Ihrem Konto findet Switchboard sie und leitet sie hierher, und der Auth Token belegt, dass jeder Anruf wirklich von Twilio kommt.</translation>
    </message>
    <message>
        <source>Account SID</source>
        <translation>Account SID</translation>
    </message>
    <message>
        <source>AC followed by 32 letters and digits</source>
        <translation>AC gefolgt von 32 Buchstaben und Ziffern</translation>
    </message>
    <message>
        <source>Auth token</source>
        <translation>Auth Token</translation>
    </message>
    <message>
        <source>Both are in the Account Info box on the Twilio console&apos;s home page.</source>
        <translation>Beides finden Sie im Feld „Account Info“ auf der Startseite der Twilio-Konsole.</translation>
    </message>
    <message>
        <source>My account uses an API key for its REST API</source>
        <translation>Mein Konto nutzt für seine REST-API einen API-Key</translation>
    </message>
    <message>
        <source>API key SID</source>
        <translation>API-Key-SID</translation>
    </message>
    <message>
        <source>SK…</source>
        <translation>SK…</translation>
    </message>
    <message>
        <source>API key secret</source>
        <translation>API-Key-Secret</translation>
    </message>
    <message>
        <source>Used instead of the auth token to change your numbers; the auth token is still needed to check each call.</source>
        <translation>Wird statt des Auth Tokens verwendet, um Ihre Nummern zu ändern; den Auth Token braucht es weiterhin, um jeden Anruf zu prüfen.</translation>
    </message>
</context>
<context>
    <name>ActionDialog</name>
    <message>
        <source>Done</source>
        <translation>Fertig</translation>
    </message>
</context>
<context>
    <name>ActionEditor</name>
    <message>
        <source>%1 (missing)</source>
        <translation>%1 (fehlt)</translation>
    </message>
    <message>
        <source>Add key</source>
        <translation>Taste hinzufügen</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>Bearbeiten…</translation>
    </message>
    <message>
        <source>Remove key</source>
        <translation>Taste entfernen</translation>
    </message>
    <message>
        <source>+1 555 000 1234</source>
        <translation>+1 555 000 1234</translation>
    </message>
    <message>
        <source>Usual</source>
        <translation>Standard</translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>Taste</translation>
    </message>
    <message>
        <source>Then</source>
        <translation>Dann</translation>
    </message>
    <message>
        <source>Menu keys</source>
        <translation>Menütasten</translation>
    </message>
    <message>
        <source>The usual: the fallback number, then voicemail or the closing message</source>
        <translation>Das Übliche: die Ersatznummer, dann die Mailbox oder die Abschlussansage</translation>
    </message>
    <message>
        <source>Something else</source>
        <translation>Etwas anderes</translation>
    </message>
    <message>
        <source>&amp;Do</source>
        <translation>A&amp;ktion</translation>
    </message>
    <message>
        <source>T&amp;eam</source>
        <translation>T&amp;eam</translation>
    </message>
    <message>
        <source>&amp;Person</source>
        <translation>Mitarb&amp;eiter</translation>
    </message>
    <message>
        <source>Numb&amp;er</source>
        <translation>Numm&amp;er</translation>
    </message>
    <message>
        <source>Rin&amp;g for</source>
        <translation>Klingel&amp;dauer</translation>
    </message>
    <message>
        <source>Wait for a key</source>
        <translation>Auf eine Taste warten</translation>
    </message>
    <message>
        <source>Prompts</source>
        <translation>Versuche</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>Tasten</translation>
    </message>
    <message>
        <source>If nobody answers</source>
        <translation>Wenn niemand abnimmt</translation>
    </message>
    <message>
        <source>Key %1</source>
        <translation>Taste %1</translation>
    </message>
    <message>
        <source>Prompt</source>
        <translation>Ansage</translation>
    </message>
    <message>
        <source>Greeting</source>
        <translation>Mailbox-Ansage</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Ansage</translation>
    </message>
    <message>
        <source>For appointments press 1. For billing press 2.</source>
        <translation>Für Termine drücken Sie die 1. Für Rechnungen drücken Sie die 2.</translation>
    </message>
    <message>
        <source>Empty: the plan&apos;s voicemail greeting</source>
        <translation>Leer: die Mailbox-Ansage des Plans</translation>
    </message>
    <message>
        <source>What the caller hears before the call ends</source>
        <translation>Was der Anrufer hört, bevor der Anruf endet</translation>
    </message>
    <message>
        <source>%1 — needs fixing</source>
        <translation>%1 — muss korrigiert werden</translation>
    </message>
    <message>
        <source>Needs fixing: %1</source>
        <translation>Muss korrigiert werden: %1</translation>
    </message>
</context>
<context>
    <name>ActionText</name>
    <message>
        <source>Hand to the AI agent</source>
        <translation>An den KI-Agenten übergeben</translation>
    </message>
    <message>
        <source>Ring a team (none chosen)</source>
        <translation>Team anrufen (keines gewählt)</translation>
    </message>
    <message>
        <source>Ring team %1</source>
        <translation>Team %1 anrufen</translation>
    </message>
    <message>
        <source>Ring a staff member (none chosen)</source>
        <translation>Mitarbeiter anrufen (keiner gewählt)</translation>
    </message>
    <message>
        <source>Ring %1</source>
        <translation>%1 anrufen</translation>
    </message>
    <message>
        <source>Ring a number (none given)</source>
        <translation>Nummer anrufen (keine angegeben)</translation>
    </message>
    <message>
        <source>Ring the caller&apos;s own staff member</source>
        <translation>Den zuständigen Mitarbeiter des Anrufers anrufen</translation>
    </message>
    <message>
        <source>Ring whoever answers for the number called</source>
        <translation>Den Mitarbeiter anrufen, dem die angerufene Nummer gehört</translation>
    </message>
    <message>
        <source>%1 → %2</source>
        <translation>%1 → %2</translation>
    </message>
    <message>
        <source>Menu with no keys yet</source>
        <translation>Menü noch ohne Tasten</translation>
    </message>
    <message>
        <source>Menu: %1</source>
        <translation>Menü: %1</translation>
    </message>
    <message>
        <source>Take a voicemail</source>
        <translation>Mailbox-Nachricht aufnehmen</translation>
    </message>
    <message>
        <source>Say %1 and hang up</source>
        <translation>%1 abspielen und auflegen</translation>
    </message>
    <message>
        <source>Reject the call</source>
        <translation>Anruf abweisen</translation>
    </message>
    <message>
        <source>Ring a team</source>
        <translation>Team anrufen</translation>
    </message>
    <message>
        <source>Ring a staff member</source>
        <translation>Mitarbeiter anrufen</translation>
    </message>
    <message>
        <source>Ring a phone number</source>
        <translation>Telefonnummer anrufen</translation>
    </message>
    <message>
        <source>Play a keypad menu</source>
        <translation>Tastenmenü abspielen</translation>
    </message>
    <message>
        <source>Say a message and hang up</source>
        <translation>Ansage abspielen und auflegen</translation>
    </message>
    <message>
        <source>%1; if nobody answers: %2</source>
        <translation>%1; wenn niemand abnimmt: %2</translation>
    </message>
    <message>
        <source>has a booking</source>
        <translation>mit Termin</translation>
    </message>
    <message>
        <source>has no booking</source>
        <translation>ohne Termin</translation>
    </message>
    <message>
        <source>caller on list &quot;%1&quot;</source>
        <translation>Anrufer auf Liste „%1“</translation>
    </message>
    <message>
        <source>caller not on list &quot;%1&quot;</source>
        <translation>Anrufer nicht auf Liste „%1“</translation>
    </message>
    <message>
        <source>calls to %1</source>
        <translation>Anrufe an %1</translation>
    </message>
    <message>
        <source>Always</source>
        <translation>Immer</translation>
    </message>
    <message>
        <source>“%1”</source>
        <translation>„%1“</translation>
    </message>
    <message>
        <source>the recording %1</source>
        <translation>die Aufnahme %1</translation>
    </message>
    <message>
        <source>nothing</source>
        <translation>nichts</translation>
    </message>
    <message>
        <source>during &quot;%1&quot;</source>
        <translation>während „%1“</translation>
    </message>
    <message>
        <source>outside &quot;%1&quot;</source>
        <translation>außerhalb „%1“</translation>
    </message>
</context>
<context>
    <name>AgentPage</name>
    <message>
        <source>Your AI receptionist (optional)</source>
        <translation>Ihre KI-Rezeption (optional)</translation>
    </message>
    <message>
        <source>Callers with a booking can talk to your Retell AI agent; skip this page and they ring a person like everyone else.</source>
        <translation>Anrufer mit einem Termin können mit Ihrem Retell-KI-Agenten sprechen; überspringen Sie diese Seite, klingelt bei ihnen wie bei allen anderen ein Mensch.</translation>
    </message>
    <message>
        <source>Retell API key</source>
        <translation>Retell-API-Key</translation>
    </message>
    <message>
        <source>Voice agent ID</source>
        <translation>Voice-Agent-ID</translation>
    </message>
    <message>
        <source>agent_…</source>
        <translation>agent_…</translation>
    </message>
    <message>
        <source>From the Retell dashboard; a chat agent cannot take phone calls.</source>
        <translation>Aus dem Retell-Dashboard; ein Chat-Agent kann keine Telefonanrufe annehmen.</translation>
    </message>
    <message>
        <source>&amp;Skip &gt;</source>
        <translation>Ü&amp;berspringen &gt;</translation>
    </message>
    <message>
        <source>Enter the voice agent ID too, or clear the API key to skip this page.</source>
        <translation>Geben Sie auch die Voice-Agent-ID ein, oder leeren Sie den API-Key, um diese Seite zu überspringen.</translation>
    </message>
    <message>
        <source>Enter the Retell API key too, or clear the agent ID to skip this page.</source>
        <translation>Geben Sie auch den Retell-API-Key ein, oder leeren Sie die Agent-ID, um diese Seite zu überspringen.</translation>
    </message>
</context>
<context>
    <name>ApplyPage</name>
    <message>
        <source>Point the numbers here</source>
        <translation>Die Nummern hierher leiten</translation>
    </message>
    <message>
        <source>Until Twilio is told, your numbers&apos; calls go where they went before; nothing changes on your Twilio account until you press Apply.</source>
        <translation>Solange Twilio nichts davon weiß, gehen die Anrufe an Ihre Nummern dorthin, wohin sie bisher gingen; an Ihrem Twilio-Konto ändert sich nichts, bis Sie auf „Übernehmen“ drücken.</translation>
    </message>
    <message>
        <source>Apply to Twilio</source>
        <translation>Bei Twilio übernehmen</translation>
    </message>
    <message>
        <source>Apply to Twilio will:</source>
        <translation>„Bei Twilio übernehmen“ wird:</translation>
    </message>
    <message>
        <source>send the calls to %1 to Switchboard on this computer</source>
        <translation>die Anrufe an %1 an Switchboard auf diesem Computer senden</translation>
    </message>
    <message>
        <source>have Twilio itself ring %1 whenever this computer cannot answer (switched off, asleep, offline)</source>
        <translation>Twilio selbst %1 anrufen lassen, wann immer dieser Computer nicht antworten kann (ausgeschaltet, im Ruhezustand, offline)</translation>
    </message>
    <message>
        <source>start routing calls by your plan</source>
        <translation>Anrufe nach Ihrem Plan weiterleiten</translation>
    </message>
    <message>
        <source>Pointing the numbers at this app…</source>
        <translation>Nummern werden auf diese App umgestellt…</translation>
    </message>
</context>
<context>
    <name>AssistantPage</name>
    <message>
        <source>Fix:</source>
        <translation>Lösung:</translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation>Nicht gespeichert: %1</translation>
    </message>
</context>
<context>
    <name>AutostartEntry</name>
    <message>
        <source>Cannot create the folder %1.</source>
        <translation>Der Ordner %1 lässt sich nicht anlegen.</translation>
    </message>
    <message>
        <source>Cannot write %1: %2.</source>
        <translation>%1 kann nicht geschrieben werden: %2.</translation>
    </message>
    <message>
        <source>Cannot remove %1: %2.</source>
        <translation>%1 kann nicht entfernt werden: %2.</translation>
    </message>
</context>
<context>
    <name>BackupBox</name>
    <message>
        <source>Backups</source>
        <translation>Sicherungen</translation>
    </message>
    <message>
        <source>Back up now</source>
        <translation>Jetzt sichern</translation>
    </message>
    <message>
        <source>No backup yet.</source>
        <translation>Noch keine Sicherung.</translation>
    </message>
    <message>
        <source>Last backup: %1 (%2).</source>
        <translation>Letzte Sicherung: %1 (%2).</translation>
    </message>
    <message>
        <source>Backing up…</source>
        <translation>Wird gesichert …</translation>
    </message>
    <message>
        <source>Cannot create the backup folder %1.</source>
        <translation>Der Sicherungsordner %1 kann nicht angelegt werden.</translation>
    </message>
    <message>
        <source>Backed up to %1.</source>
        <translation>Gesichert nach %1.</translation>
    </message>
    <message>
        <source>none (off)</source>
        <translation>keine (aus)</translation>
    </message>
    <message>
        <source> days</source>
        <translation> Tage</translation>
    </message>
    <message>
        <source>Keep the daily copies of the last</source>
        <translation>Tägliche Kopien aufbewahren für die letzten</translation>
    </message>
    <message numerus="yes">
        <source>A copy of the database is made every day in %1; the copies of the last %n day(s) are kept.</source>
        <translation>
            <numerusform>Jeden Tag wird eine Kopie der Datenbank in %1 angelegt; die Kopie des letzten %n Tages wird aufbewahrt.</numerusform>
            <numerusform>Jeden Tag wird eine Kopie der Datenbank in %1 angelegt; die Kopien der letzten %n Tage werden aufbewahrt.</numerusform>
        </translation>
    </message>
    <message>
        <source>Daily copies are off.</source>
        <translation>Tägliche Kopien sind ausgeschaltet.</translation>
    </message>
</context>
<context>
    <name>BackupCommand</name>
    <message>
        <source>Usage: switchboard backup FILE
Copies the database (customers, bookings, settings, the call log) into FILE while calls go
on being routed: the copy holds every call logged before it began, and is checked before
it replaces FILE. Secrets stay encrypted with this computer&apos;s key. Restore it with
`switchboard restore FILE`.
</source>
        <translation>Aufruf: switchboard backup DATEI
Kopiert die Datenbank (Kunden, Termine, Einstellungen, das Anrufprotokoll) nach DATEI, während
weiter Anrufe weitergeleitet werden: Die Kopie enthält jeden Anruf, der vor ihrem Beginn
protokolliert war, und wird geprüft, bevor sie DATEI ersetzt. Geheimnisse bleiben mit dem Schlüssel
dieses Computers verschlüsselt. Zurückspielen mit `switchboard restore DATEI`.
</translation>
    </message>
    <message numerus="yes">
        <source>Backed up %n call(s) and everything else (%1) to %2 in %3 s.</source>
        <translation>
            <numerusform>%n Anruf und alles Übrige (%1) in %3 s nach %2 gesichert.</numerusform>
            <numerusform>%n Anrufe und alles Übrige (%1) in %3 s nach %2 gesichert.</numerusform>
        </translation>
    </message>
    <message>
        <source>Usage: switchboard restore FILE
Puts the database backed up in FILE in place of this data folder&apos;s, once FILE is found to be
a Switchboard database that passes SQLite&apos;s integrity check. The database it replaces is
kept in a folder beside it. Stop the router first (serve or the desktop app).
</source>
        <translation>Aufruf: switchboard restore DATEI
Setzt die in DATEI gesicherte Datenbank an die Stelle der Datenbank dieses Datenordners, sobald
DATEI als Switchboard-Datenbank erkannt ist, die die Integritätsprüfung von SQLite besteht. Die
ersetzte Datenbank wird in einem Ordner daneben aufbewahrt. Vorher den Router beenden (serve
oder die Desktop-App).
</translation>
    </message>
    <message>
        <source>Restored %1. The database it replaced is kept in %2.</source>
        <translation>%1 wurde zurückgespielt. Die ersetzte Datenbank liegt in %2.</translation>
    </message>
</context>
<context>
    <name>BookingDialog</name>
    <message>
        <source>New booking for %1</source>
        <translation>Neuer Termin für %1</translation>
    </message>
    <message>
        <source> min</source>
        <translation> Min.</translation>
    </message>
    <message>
        <source>Cleaning, check-up, filling…</source>
        <translation>Reinigung, Kontrolle, Füllung…</translation>
    </message>
    <message>
        <source>Anyone</source>
        <translation>Beliebig</translation>
    </message>
    <message>
        <source>Confirmed</source>
        <translation>Bestätigt</translation>
    </message>
    <message>
        <source>Pending</source>
        <translation>Offen</translation>
    </message>
    <message>
        <source>&amp;Starts:</source>
        <translation>&amp;Beginn:</translation>
    </message>
    <message>
        <source>&amp;Length:</source>
        <translation>&amp;Dauer:</translation>
    </message>
    <message>
        <source>S&amp;ervice:</source>
        <translation>&amp;Leistung:</translation>
    </message>
    <message>
        <source>S&amp;taff:</source>
        <translation>&amp;Mitarbeiter:</translation>
    </message>
    <message>
        <source>Stat&amp;us:</source>
        <translation>St&amp;atus:</translation>
    </message>
    <message>
        <source>This booking would already be over; choose a later time.</source>
        <translation>Dieser Termin wäre bereits vorbei; wählen Sie eine spätere Zeit.</translation>
    </message>
    <message>
        <source>The booking was not saved: %1</source>
        <translation>Der Termin wurde nicht gespeichert: %1</translation>
    </message>
    <message>
        <source>Edit booking for %1</source>
        <translation>Termin von %1 bearbeiten</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>Erledigt</translation>
    </message>
    <message>
        <source>No-show</source>
        <translation>Nicht erschienen</translation>
    </message>
    <message>
        <source>Canceled</source>
        <translation>Storniert</translation>
    </message>
</context>
<context>
    <name>BookingImporter</name>
    <message>
        <source>customer_id or phone</source>
        <translation>customer_id oder phone</translation>
    </message>
    <message>
        <source>booking_id is empty</source>
        <translation>booking_id ist leer</translation>
    </message>
    <message>
        <source>booking_id &quot;%1&quot; is already used on line %2</source>
        <translation>booking_id „%1“ wird bereits in Zeile %2 verwendet</translation>
    </message>
    <message>
        <source>customer_id &quot;%1&quot; is not a known customer; import the customers first</source>
        <translation>customer_id „%1“ ist kein bekannter Kunde; importieren Sie zuerst die Kunden</translation>
    </message>
    <message>
        <source>phone &quot;%1&quot; is not a phone number</source>
        <translation>phone „%1“ ist keine Telefonnummer</translation>
    </message>
    <message>
        <source>the booking names no customer: customer_id and phone are both empty</source>
        <translation>der Termin nennt keinen Kunden: customer_id und phone sind beide leer</translation>
    </message>
    <message>
        <source>starts_at is empty</source>
        <translation>starts_at ist leer</translation>
    </message>
    <message>
        <source>ends_at &quot;%1&quot; is before starts_at &quot;%2&quot;</source>
        <translation>ends_at „%1“ liegt vor starts_at „%2“</translation>
    </message>
    <message>
        <source>status &quot;%1&quot; is not one of %2</source>
        <translation>status „%1“ ist keiner von %2</translation>
    </message>
    <message>
        <source>starts_at &quot;%1&quot; is not a date and time like %2</source>
        <translation>starts_at „%1“ ist kein Datum mit Uhrzeit wie %2</translation>
    </message>
    <message>
        <source>ends_at &quot;%1&quot; is not a date and time like %2</source>
        <translation>ends_at „%1“ ist kein Datum mit Uhrzeit wie %2</translation>
    </message>
</context>
<context>
    <name>BookingStore</name>
    <message>
        <source>A booking needs an id to be inserted or updated by id.</source>
        <translation>Ein Termin braucht eine ID, um per ID eingefügt oder aktualisiert zu werden.</translation>
    </message>
    <message>
        <source>The booking %1 could not be read back for updating.</source>
        <translation>Der Termin %1 konnte zum Aktualisieren nicht zurückgelesen werden.</translation>
    </message>
    <message>
        <source>There is no booking with id %1.</source>
        <translation>Es gibt keinen Termin mit der ID %1.</translation>
    </message>
    <message>
        <source>No free id was found for the new booking %1.</source>
        <translation>Für den neuen Termin %1 wurde keine freie ID gefunden.</translation>
    </message>
</context>
<context>
    <name>CallBackDialog</name>
    <message>
        <source>A staff member:</source>
        <translation>Ein Mitarbeiter:</translation>
    </message>
    <message>
        <source>Another phone:</source>
        <translation>Ein anderes Telefon:</translation>
    </message>
    <message>
        <source>Call back</source>
        <translation>Zurückrufen</translation>
    </message>
    <message>
        <source>Call back %1</source>
        <translation>%1 zurückrufen</translation>
    </message>
    <message>
        <source>Call back %1, %2</source>
        <translation>%1 zurückrufen, %2</translation>
    </message>
    <message>
        <source>Whose phone rings first?</source>
        <translation>Welches Telefon klingelt zuerst?</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>Staff member</source>
        <translation>Mitarbeiter</translation>
    </message>
    <message>
        <source>Phone number, e.g. a desk phone</source>
        <translation>Telefonnummer, z. B. ein Tischtelefon</translation>
    </message>
    <message>
        <source>Another phone</source>
        <translation>Ein anderes Telefon</translation>
    </message>
    <message>
        <source>No staff in the routing plan</source>
        <translation>Kein Personal im Routing-Plan</translation>
    </message>
    <message>
        <source>Choose whose phone rings first.</source>
        <translation>Wählen Sie, welches Telefon zuerst klingelt.</translation>
    </message>
    <message>
        <source>Type the number of the phone that rings first.</source>
        <translation>Geben Sie die Nummer des Telefons ein, das zuerst klingelt.</translation>
    </message>
    <message>
        <source>That is not a phone number that can be called.</source>
        <translation>Das ist keine Telefonnummer, die angerufen werden kann.</translation>
    </message>
    <message>
        <source>%1&apos;s phone rings first; press 1 to be connected to %2. They see the practice&apos;s number.</source>
        <translation>Das Telefon von %1 klingelt zuerst; mit der 1 wird %2 verbunden. Angezeigt wird die Nummer der Praxis.</translation>
    </message>
    <message>
        <source>Your phone rings first; press 1 to be connected to %1. They see the practice&apos;s number.</source>
        <translation>Ihr Telefon klingelt zuerst; mit der 1 werden Sie mit %1 verbunden. Angezeigt wird die Nummer der Praxis.</translation>
    </message>
</context>
<context>
    <name>CallBackStarter</name>
    <message>
        <source>Twilio&apos;s account SID and auth token are not set up, so nobody can be called back from here.</source>
        <translation>Konto-SID und Auth-Token von Twilio sind nicht eingerichtet, daher kann von hier niemand zurückgerufen werden.</translation>
    </message>
    <message>
        <source>server.public_url is not set, so Twilio could not reach this Switchboard to connect a call-back.</source>
        <translation>server.public_url ist nicht gesetzt, daher könnte Twilio diese Switchboard nicht erreichen, um einen Rückruf zu verbinden.</translation>
    </message>
    <message>
        <source>Twilio did not say which call it placed.</source>
        <translation>Twilio hat nicht gesagt, welchen Anruf es gestartet hat.</translation>
    </message>
</context>
<context>
    <name>CallBacks</name>
    <message>
        <source>A seat</source>
        <translation>Ein Platz</translation>
    </message>
    <message>
        <source>There is no call %1 here to call back.</source>
        <translation>Hier gibt es keinen Anruf %1, der zurückgerufen werden könnte.</translation>
    </message>
    <message>
        <source>The caller&apos;s number was withheld, so there is no number to call back.</source>
        <translation>Die Nummer des Anrufers war unterdrückt, daher gibt es keine Nummer für den Rückruf.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a phone number that can be called back.</source>
        <translation>„%1“ ist keine Telefonnummer, die zurückgerufen werden kann.</translation>
    </message>
    <message>
        <source>This Switchboard knows none of the business&apos;s numbers (set twilio.numbers), so there is no number to call back from.</source>
        <translation>Diese Switchboard kennt keine Nummer des Unternehmens (twilio.numbers setzen), daher gibt es keine Nummer, von der aus zurückgerufen werden kann.</translation>
    </message>
    <message>
        <source>There is no staff member &quot;%1&quot;.</source>
        <translation>Es gibt keinen Mitarbeiter „%1“.</translation>
    </message>
    <message>
        <source>%1 has no phone number to ring.</source>
        <translation>%1 hat keine Telefonnummer zum Anklingeln.</translation>
    </message>
    <message>
        <source>Say whose phone rings first: a staff member or a phone number.</source>
        <translation>Sagen Sie, welches Telefon zuerst klingelt: das eines Mitarbeiters oder eine Telefonnummer.</translation>
    </message>
    <message>
        <source>The phone that rings first is the customer&apos;s own.</source>
        <translation>Das Telefon, das zuerst klingelt, ist das des Kunden selbst.</translation>
    </message>
    <message>
        <source>%1 is calling back %2 from %3: ringing %4 first.</source>
        <translation>%1 ruft %2 von %3 aus zurück: zuerst klingelt %4.</translation>
    </message>
    <message>
        <source>%1 is calling %2 back, ringing %3 first (call %4).</source>
        <translation>%1 ruft %2 zurück, zuerst klingelt %3 (Anruf %4).</translation>
    </message>
    <message>
        <source>%1 asked to call %2 back; Twilio said: %3</source>
        <translation>%1 wollte %2 zurückrufen; Twilio sagte: %3</translation>
    </message>
    <message>
        <source>This call-back is not known here. Goodbye.</source>
        <translation>Dieser Rückruf ist hier nicht bekannt. Auf Wiederhören.</translation>
    </message>
    <message>
        <source>Call back %1. Press 1 to connect.</source>
        <translation>Rückruf an %1. Drücken Sie die 1, um verbunden zu werden.</translation>
    </message>
    <message>
        <source>%1 answered after the call-back had ended.</source>
        <translation>%1 hat abgenommen, nachdem der Rückruf schon beendet war.</translation>
    </message>
    <message>
        <source>%1 answered; asked them to press 1 to call %2 (attempt 1 of %3).</source>
        <translation>%1 hat abgenommen; gebeten, die 1 zu drücken, um %2 anzurufen (Versuch 1 von %3).</translation>
    </message>
    <message>
        <source>A key arrived after the call-back had ended.</source>
        <translation>Eine Taste kam an, nachdem der Rückruf schon beendet war.</translation>
    </message>
    <message>
        <source>%1 pressed 1.</source>
        <translation>%1 hat die 1 gedrückt.</translation>
    </message>
    <message>
        <source>Ringing %1 with %2 as caller ID.</source>
        <translation>%1 klingelt, mit %2 als Rufnummer.</translation>
    </message>
    <message>
        <source>%1 pressed no key; asked again (attempt %2 of %3).</source>
        <translation>%1 hat keine Taste gedrückt; erneut gefragt (Versuch %2 von %3).</translation>
    </message>
    <message>
        <source>%1 pressed %2, not 1; asked again (attempt %3 of %4).</source>
        <translation>%1 hat %2 gedrückt, nicht die 1; erneut gefragt (Versuch %3 von %4).</translation>
    </message>
    <message>
        <source>%1 did not press 1, so %2 was not called.</source>
        <translation>%1 hat die 1 nicht gedrückt, daher wurde %2 nicht angerufen.</translation>
    </message>
    <message>
        <source>Hung up the call-back.</source>
        <translation>Den Rückruf aufgelegt.</translation>
    </message>
    <message>
        <source>no status</source>
        <translation>kein Status</translation>
    </message>
    <message numerus="yes">
        <source>%1 answered and talked with %2 for %n second(s).</source>
        <translation>
            <numerusform>%1 hat abgenommen und %n Sekunde mit %2 gesprochen.</numerusform>
            <numerusform>%1 hat abgenommen und %n Sekunden mit %2 gesprochen.</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 did not answer (%2).</source>
        <translation>%1 hat nicht abgenommen (%2).</translation>
    </message>
    <message>
        <source>%1 did not answer. Goodbye.</source>
        <translation>%1 hat nicht abgenommen. Auf Wiederhören.</translation>
    </message>
</context>
<context>
    <name>CallFlow</name>
    <message numerus="yes">
        <source> for %n second(s)</source>
        <translation>
            <numerusform> für %n Sekunde</numerusform>
            <numerusform> für %n Sekunden</numerusform>
        </translation>
    </message>
    <message>
        <source>Played the welcome message.</source>
        <translation>Begrüßung abgespielt.</translation>
    </message>
    <message>
        <source>No rule of the plan applies to this call.</source>
        <translation>Keine Regel des Plans gilt für diesen Anruf.</translation>
    </message>
    <message>
        <source>No plan applies to %1.</source>
        <translation>Für %1 gilt kein Plan.</translation>
    </message>
    <message>
        <source>Rule &quot;%1&quot; applies (%2).</source>
        <translation>Regel „%1“ gilt (%2).</translation>
    </message>
    <message>
        <source>The routing plan changed during the call.</source>
        <translation>Der Weiterleitungsplan hat sich während des Anrufs geändert.</translation>
    </message>
    <message>
        <source>Team %1</source>
        <translation>Team %1</translation>
    </message>
    <message>
        <source>The plan names a team &quot;%1&quot; it does not have.</source>
        <translation>Der Plan nennt ein Team „%1“, das es darin nicht gibt.</translation>
    </message>
    <message>
        <source>The caller has no assigned staff member.</source>
        <translation>Dem Anrufer ist kein Mitarbeiter zugeordnet.</translation>
    </message>
    <message>
        <source>Nobody owns the number %1.</source>
        <translation>Die Nummer %1 gehört niemandem.</translation>
    </message>
    <message>
        <source>There is no staff member &quot;%1&quot;.</source>
        <translation>Es gibt keinen Mitarbeiter „%1“.</translation>
    </message>
    <message>
        <source>The rule rejects the call.</source>
        <translation>Die Regel weist den Anruf ab.</translation>
    </message>
    <message>
        <source>The AI agent is not set up (retell.api_key and retell.agent_id are needed).</source>
        <translation>Der KI-Agent ist nicht eingerichtet (retell.api_key und retell.agent_id werden benötigt).</translation>
    </message>
    <message>
        <source>Registered the call with the AI agent (Retell call %1).</source>
        <translation>Anruf beim KI-Agenten angemeldet (Retell-Anruf %1).</translation>
    </message>
    <message>
        <source>Connecting the caller to the AI agent at %1.</source>
        <translation>Anrufer wird mit dem KI-Agenten unter %1 verbunden.</translation>
    </message>
    <message>
        <source>The AI agent could not take the call.</source>
        <translation>Der KI-Agent konnte den Anruf nicht annehmen.</translation>
    </message>
    <message>
        <source>The fallback number has already rung.</source>
        <translation>Die Ersatznummer hat bereits geklingelt.</translation>
    </message>
    <message>
        <source>%1 has already rung in this call.</source>
        <translation>Bei %1 hat es in diesem Anruf bereits geklingelt.</translation>
    </message>
    <message numerus="yes">
        <source>Ringing %1 for up to %n second(s); they must press 1 to take the call.</source>
        <translation>
            <numerusform>Klingelt bei %1 für bis zu %n Sekunde; zum Annehmen muss 1 gedrückt werden.</numerusform>
            <numerusform>Klingelt bei %1 für bis zu %n Sekunden; zum Annehmen muss 1 gedrückt werden.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Ringing %1 for up to %n second(s).</source>
        <translation>
            <numerusform>Klingelt bei %1 für bis zu %n Sekunde.</numerusform>
            <numerusform>Klingelt bei %1 für bis zu %n Sekunden.</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source> and </source>
        <translation> und </translation>
    </message>
    <message numerus="yes">
        <source>Ringing the fallback number %1 for up to %n second(s).</source>
        <translation>
            <numerusform>Klingelt bei der Ersatznummer %1 für bis zu %n Sekunde.</numerusform>
            <numerusform>Klingelt bei der Ersatznummer %1 für bis zu %n Sekunden.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Played the menu (attempt 1 of %1) and waited %n second(s) for a key.</source>
        <translation>
            <numerusform>Menü abgespielt (Versuch 1 von %1) und %n Sekunde auf eine Taste gewartet.</numerusform>
            <numerusform>Menü abgespielt (Versuch 1 von %1) und %n Sekunden auf eine Taste gewartet.</numerusform>
        </translation>
    </message>
    <message>
        <source>Twilio repeated a menu answer; answered as before.</source>
        <translation>Twilio hat eine Menüantwort wiederholt; wie zuvor beantwortet.</translation>
    </message>
    <message>
        <source>The caller pressed %1.</source>
        <translation>Der Anrufer hat %1 gedrückt.</translation>
    </message>
    <message>
        <source>No key was pressed.</source>
        <translation>Es wurde keine Taste gedrückt.</translation>
    </message>
    <message>
        <source>The caller pressed %1, which the menu does not offer.</source>
        <translation>Der Anrufer hat %1 gedrückt, was das Menü nicht anbietet.</translation>
    </message>
    <message>
        <source>Played the menu again (attempt %1 of %2).</source>
        <translation>Menü erneut abgespielt (Versuch %1 von %2).</translation>
    </message>
    <message numerus="yes">
        <source>The menu got no usable key in %n attempt(s).</source>
        <translation>
            <numerusform>Das Menü hat in %n Versuch keine gültige Taste erhalten.</numerusform>
            <numerusform>Das Menü hat in %n Versuchen keine gültige Taste erhalten.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Asked the caller to leave a message of up to %n second(s).</source>
        <translation>
            <numerusform>Anrufer gebeten, eine Nachricht von bis zu %n Sekunde zu hinterlassen.</numerusform>
            <numerusform>Anrufer gebeten, eine Nachricht von bis zu %n Sekunden zu hinterlassen.</numerusform>
        </translation>
    </message>
    <message>
        <source>Please leave a message after the tone. Press the pound key when you are done.</source>
        <translation>Bitte hinterlassen Sie nach dem Signalton eine Nachricht. Drücken Sie die Rautetaste, wenn Sie fertig sind.</translation>
    </message>
    <message>
        <source>Twilio repeated the end of the recording; answered as before.</source>
        <translation>Twilio hat das Ende der Aufnahme wiederholt; wie zuvor beantwortet.</translation>
    </message>
    <message numerus="yes">
        <source>The caller left a message of %n second(s).</source>
        <translation>
            <numerusform>Der Anrufer hat eine Nachricht von %n Sekunde hinterlassen.</numerusform>
            <numerusform>Der Anrufer hat eine Nachricht von %n Sekunden hinterlassen.</numerusform>
        </translation>
    </message>
    <message>
        <source>Thank you. Goodbye.</source>
        <translation>Vielen Dank. Auf Wiederhören.</translation>
    </message>
    <message>
        <source>The caller left no message.</source>
        <translation>Der Anrufer hat keine Nachricht hinterlassen.</translation>
    </message>
    <message>
        <source>Played the rule&apos;s message and hung up.</source>
        <translation>Ansage der Regel abgespielt und aufgelegt.</translation>
    </message>
    <message>
        <source>Rejected the call.</source>
        <translation>Anruf abgewiesen.</translation>
    </message>
    <message>
        <source>Trying the rule&apos;s next option.</source>
        <translation>Nächste Option der Regel wird versucht.</translation>
    </message>
    <message>
        <source>No fallback number is set (routing.fallback_number).</source>
        <translation>Es ist keine Ersatznummer festgelegt (routing.fallback_number).</translation>
    </message>
    <message>
        <source>Played the closing message and hung up.</source>
        <translation>Abschlussansage abgespielt und aufgelegt.</translation>
    </message>
    <message>
        <source>no status</source>
        <translation>kein Status</translation>
    </message>
    <message>
        <source>Twilio repeated this dial result; answered as before.</source>
        <translation>Twilio hat dieses Wählergebnis wiederholt; wie zuvor beantwortet.</translation>
    </message>
    <message>
        <source>The AI agent took the call%1.</source>
        <translation>Der KI-Agent hat den Anruf angenommen%1.</translation>
    </message>
    <message>
        <source>The AI agent&apos;s line did not connect (%1).</source>
        <translation>Die Leitung zum KI-Agenten kam nicht zustande (%1).</translation>
    </message>
    <message>
        <source>The fallback number answered%1.</source>
        <translation>Die Ersatznummer hat abgenommen%1.</translation>
    </message>
    <message>
        <source>The fallback number did not answer (%1).</source>
        <translation>Die Ersatznummer hat nicht abgenommen (%1).</translation>
    </message>
    <message>
        <source>%1 took the call%2.</source>
        <translation>%1 hat den Anruf angenommen%2.</translation>
    </message>
    <message>
        <source>%1 picked up but did not press 1.</source>
        <translation>%1 hat abgenommen, aber nicht 1 gedrückt.</translation>
    </message>
    <message>
        <source>%1 did not answer (%2).</source>
        <translation>%1 hat nicht abgenommen (%2).</translation>
    </message>
    <message>
        <source>Nobody in the chain took the call.</source>
        <translation>Niemand in der Kette hat den Anruf angenommen.</translation>
    </message>
    <message>
        <source>%1 picked up, but the call no longer waits for them.</source>
        <translation>%1 hat abgenommen, aber der Anruf wartet nicht mehr.</translation>
    </message>
    <message>
        <source>%1 picked up; asked them to press 1 (attempt %2 of %3).</source>
        <translation>%1 hat abgenommen; zum Drücken der 1 aufgefordert (Versuch %2 von %3).</translation>
    </message>
    <message>
        <source>Call from {caller}. Press 1 to accept.</source>
        <translation>Anruf von {caller}. Drücken Sie die 1, um anzunehmen.</translation>
    </message>
    <message>
        <source>an unknown number</source>
        <translation>einer unbekannten Nummer</translation>
    </message>
    <message>
        <source>%1 answered the prompt, but the call no longer waits for them.</source>
        <translation>%1 hat auf die Ansage reagiert, aber der Anruf wartet nicht mehr.</translation>
    </message>
    <message>
        <source>%1 pressed 1 and is connected to the caller.</source>
        <translation>%1 hat 1 gedrückt und ist mit dem Anrufer verbunden.</translation>
    </message>
    <message>
        <source>%1 pressed no key.</source>
        <translation>%1 hat keine Taste gedrückt.</translation>
    </message>
    <message>
        <source>%1 pressed %2.</source>
        <translation>%1 hat %2 gedrückt.</translation>
    </message>
    <message>
        <source>Asked again (attempt %1 of %2).</source>
        <translation>Erneut gefragt (Versuch %1 von %2).</translation>
    </message>
    <message>
        <source>Not accepted; hanging up their line.</source>
        <translation>Nicht angenommen; deren Leitung wird aufgelegt.</translation>
    </message>
    <message>
        <source>, not bridged</source>
        <translation>, nicht verbunden</translation>
    </message>
    <message>
        <source>%1 picked up but hung up before being connected.</source>
        <translation>%1 hat abgenommen, aber vor dem Verbinden aufgelegt.</translation>
    </message>
    <message>
        <source>Twilio repeated that the line answered; nothing changed.</source>
        <translation>Twilio hat erneut gemeldet, dass die Leitung abgenommen hat; nichts geändert.</translation>
    </message>
    <message>
        <source>A line answered, but the call no longer waits for it.</source>
        <translation>Eine Leitung hat abgenommen, aber der Anruf wartet nicht mehr auf sie.</translation>
    </message>
    <message>
        <source>The AI agent answered and is talking with the caller.</source>
        <translation>Der KI-Agent hat abgenommen und spricht mit dem Anrufer.</translation>
    </message>
    <message>
        <source>The fallback number answered and is talking with the caller.</source>
        <translation>Die Ersatznummer hat abgenommen und spricht mit dem Anrufer.</translation>
    </message>
    <message>
        <source>%1 answered and is talking with the caller.</source>
        <translation>%1 hat abgenommen und spricht mit dem Anrufer.</translation>
    </message>
    <message>
        <source>Twilio repeated the key %1 pressed; answered as before.</source>
        <translation>Twilio hat die Taste wiederholt, die %1 gedrückt hat; wie zuvor beantwortet.</translation>
    </message>
    <message>
        <source>A seat</source>
        <translation>Ein Platz</translation>
    </message>
    <message>
        <source>%1 moved the call, but it had already ended.</source>
        <translation>%1 hat den Anruf verschoben, aber er war schon beendet.</translation>
    </message>
    <message>
        <source>Moved by %1.</source>
        <translation>Verschoben von %1.</translation>
    </message>
    <message>
        <source>A line the call left when a seat moved it has ended; nothing changed.</source>
        <translation>Eine Leitung, die der Anruf beim Verschieben verlassen hat, ist beendet; nichts geändert.</translation>
    </message>
</context>
<context>
    <name>CallLogCommitter</name>
    <message>
        <source>The call log cannot be written to the database (%1). Calls are still answered; their log is kept and written as soon as the disk takes it.</source>
        <translation>Das Anrufprotokoll kann nicht in die Datenbank geschrieben werden (%1). Anrufe werden weiter angenommen; ihr Protokoll wird aufbewahrt und geschrieben, sobald die Festplatte es annimmt.</translation>
    </message>
    <message>
        <source>the disk refused the write</source>
        <translation>die Festplatte hat das Schreiben verweigert</translation>
    </message>
</context>
<context>
    <name>CallLogExport</name>
    <message>
        <source>Cannot write the calls: %1</source>
        <translation>Die Anrufe können nicht geschrieben werden: %1</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
</context>
<context>
    <name>CallLogJournal</name>
    <message>
        <source>Cannot open the call-log journal %1: %2</source>
        <translation>Das Anrufprotokoll-Journal %1 lässt sich nicht öffnen: %2</translation>
    </message>
    <message>
        <source>Cannot write the call-log journal %1: %2</source>
        <translation>Das Anrufprotokoll-Journal %1 lässt sich nicht schreiben: %2</translation>
    </message>
    <message>
        <source>The call-log journal is not open.</source>
        <translation>Das Anrufprotokoll-Journal ist nicht geöffnet.</translation>
    </message>
    <message>
        <source>Cannot empty the call-log journal %1: %2</source>
        <translation>Das Anrufprotokoll-Journal %1 lässt sich nicht leeren: %2</translation>
    </message>
</context>
<context>
    <name>CallLogModel</name>
    <message>
        <source>Withheld number</source>
        <translation>Unterdrückte Nummer</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <comment>caller number · customer name</comment>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>Beginn</translation>
    </message>
    <message>
        <source>Caller</source>
        <translation>Anrufer</translation>
    </message>
    <message>
        <source>Called number</source>
        <translation>Angerufene Nummer</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Dauer</translation>
    </message>
    <message>
        <source>Booking</source>
        <translation>Termin</translation>
    </message>
    <message>
        <source>Call-back to %1</source>
        <translation>Rückruf an %1</translation>
    </message>
    <message>
        <source>Call-back from %1</source>
        <translation>Rückruf von %1</translation>
    </message>
</context>
<context>
    <name>CallLogPanel</name>
    <message>
        <source>No calls match these filters.</source>
        <translation>Keine Anrufe passen zu diesen Filtern.</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>All outcomes</source>
        <translation>Alle Ergebnisse</translation>
    </message>
    <message>
        <source>Called number</source>
        <translation>Angerufene Nummer</translation>
    </message>
    <message>
        <source>From date</source>
        <translation>Ab Datum</translation>
    </message>
    <message>
        <source>To date</source>
        <translation>Bis Datum</translation>
    </message>
    <message>
        <source>&amp;From</source>
        <translation>&amp;Von</translation>
    </message>
    <message>
        <source>&amp;To</source>
        <translation>&amp;Bis</translation>
    </message>
    <message>
        <source>Clear filters</source>
        <translation>Filter zurücksetzen</translation>
    </message>
    <message>
        <source>Export to CSV…</source>
        <translation>Als CSV exportieren…</translation>
    </message>
    <message>
        <source>Save voicemail as…</source>
        <translation>Nachricht speichern unter…</translation>
    </message>
    <message>
        <source>Voicemail</source>
        <translation>Mailbox-Nachricht</translation>
    </message>
    <message>
        <source>Timeline of the call</source>
        <translation>Verlauf des Anrufs</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>Schritt</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Aktion</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>Detail</source>
        <translation>Details</translation>
    </message>
    <message>
        <source>Select a call to see its timeline.</source>
        <translation>Wählen Sie einen Anruf, um seinen Verlauf zu sehen.</translation>
    </message>
    <message>
        <source>All numbers</source>
        <translation>Alle Nummern</translation>
    </message>
    <message>
        <source>%L1 calls or more</source>
        <translation>%L1 Anrufe oder mehr</translation>
    </message>
    <message>
        <source>1 call</source>
        <translation>1 Anruf</translation>
    </message>
    <message>
        <source>%L1 calls</source>
        <translation>%L1 Anrufe</translation>
    </message>
    <message>
        <source>Called %1</source>
        <translation>Hat %1 angerufen</translation>
    </message>
    <message>
        <source>Outcome: %1</source>
        <translation>Ergebnis: %1</translation>
    </message>
    <message>
        <source>Duration: %1</source>
        <translation>Dauer: %1</translation>
    </message>
    <message>
        <source>No duration yet</source>
        <translation>Noch keine Dauer</translation>
    </message>
    <message>
        <source>Not a customer</source>
        <translation>Kein Kunde</translation>
    </message>
    <message>
        <source>Customer: %1</source>
        <translation>Kunde: %1</translation>
    </message>
    <message>
        <source>Booking: %1</source>
        <translation>Termin: %1</translation>
    </message>
    <message>
        <source>No transcription yet.</source>
        <translation>Noch keine Abschrift.</translation>
    </message>
    <message>
        <source>The recording has not been downloaded into the data folder yet.</source>
        <translation>Die Aufnahme wurde noch nicht in den Datenordner heruntergeladen.</translation>
    </message>
    <message>
        <source>voicemail-%1-%2</source>
        <comment>file name: caller, date and time</comment>
        <translation>nachricht-%1-%2</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>unbekannt</translation>
    </message>
    <message>
        <source>Save voicemail as</source>
        <translation>Nachricht speichern unter</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Recordings (*.%1);;All files (*)</source>
        <translation>Aufnahmen (*.%1);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>The selected call has no voicemail in the data folder.</source>
        <translation>Zum ausgewählten Anruf gibt es keine Nachricht im Datenordner.</translation>
    </message>
    <message>
        <source>Cannot read the voicemail %1: %2</source>
        <translation>Die Nachricht %1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>calls-%1.csv</source>
        <comment>file name</comment>
        <translation>anrufe-%1.csv</translation>
    </message>
    <message>
        <source>Export calls to CSV</source>
        <translation>Anrufe als CSV exportieren</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV-Dateien (*.csv)</translation>
    </message>
    <message>
        <source>Exporting calls…</source>
        <translation>Anrufe werden exportiert…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Export to CSV</source>
        <translation>Als CSV exportieren</translation>
    </message>
    <message>
        <source>Exporting calls… %L1 so far</source>
        <translation>Anrufe werden exportiert… bisher %L1</translation>
    </message>
    <message>
        <source>The export was cancelled.</source>
        <translation>Der Export wurde abgebrochen.</translation>
    </message>
    <message>
        <source>Exported 1 call to %1.</source>
        <translation>1 Anruf nach %1 exportiert.</translation>
    </message>
    <message>
        <source>Exported %L1 calls to %2.</source>
        <translation>%L1 Anrufe nach %2 exportiert.</translation>
    </message>
    <message>
        <source>Call logs</source>
        <translation>Anrufprotokoll</translation>
    </message>
    <message>
        <source>Caller&apos;s number or name…</source>
        <translation>Nummer oder Name des Anrufers…</translation>
    </message>
    <message>
        <source>Caller</source>
        <translation>Anrufer</translation>
    </message>
    <message>
        <source>A message of %1.</source>
        <comment>voicemail length</comment>
        <translation>Eine Nachricht von %1.</translation>
    </message>
    <message>
        <source>Call back…</source>
        <translation>Zurückrufen…</translation>
    </message>
    <message>
        <source>This caller&apos;s number was withheld.</source>
        <translation>Die Nummer dieses Anrufers war unterdrückt.</translation>
    </message>
    <message>
        <source>Ring a phone of the practice first, then this caller.</source>
        <translation>Zuerst ein Telefon der Praxis anklingeln, dann diesen Anrufer.</translation>
    </message>
</context>
<context>
    <name>CallLogRetention</name>
    <message>
        <source>Cannot read the calls older than retention.days (%1) to prune them.</source>
        <translation>Die Anrufe, die älter als retention.days (%1) sind, können zum Aufräumen nicht gelesen werden.</translation>
    </message>
    <message>
        <source>Cannot prune the calls older than retention.days (%1): %2</source>
        <translation>Die Anrufe, die älter als retention.days (%1) sind, können nicht aufgeräumt werden: %2</translation>
    </message>
</context>
<context>
    <name>CallLogWords</name>
    <message>
        <source>In progress</source>
        <translation>Läuft</translation>
    </message>
    <message>
        <source>AI agent</source>
        <translation>KI-Agent</translation>
    </message>
    <message>
        <source>Answered</source>
        <translation>Angenommen</translation>
    </message>
    <message>
        <source>Voicemail</source>
        <translation>Mailbox</translation>
    </message>
    <message>
        <source>Missed</source>
        <translation>Verpasst</translation>
    </message>
    <message>
        <source>Blocked</source>
        <translation>Blockiert</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <source>Call received</source>
        <translation>Anruf eingegangen</translation>
    </message>
    <message>
        <source>Caller blocked</source>
        <translation>Anrufer blockiert</translation>
    </message>
    <message>
        <source>Booking lookup</source>
        <translation>Terminsuche</translation>
    </message>
    <message>
        <source>AI agent registration</source>
        <translation>Anmeldung beim KI-Agenten</translation>
    </message>
    <message>
        <source>Dial AI agent</source>
        <translation>KI-Agent anwählen</translation>
    </message>
    <message>
        <source>AI agent dial result</source>
        <translation>Ergebnis der KI-Agent-Verbindung</translation>
    </message>
    <message>
        <source>Dial fallback</source>
        <translation>Ersatznummer anwählen</translation>
    </message>
    <message>
        <source>Fallback dial result</source>
        <translation>Ergebnis der Ersatznummer</translation>
    </message>
    <message>
        <source>Welcome</source>
        <translation>Begrüßung</translation>
    </message>
    <message>
        <source>Keypad menu</source>
        <translation>Tastenmenü</translation>
    </message>
    <message>
        <source>Menu choice</source>
        <translation>Menüauswahl</translation>
    </message>
    <message>
        <source>Who to ring</source>
        <translation>Wer angerufen wird</translation>
    </message>
    <message>
        <source>Ring</source>
        <translation>Klingeln</translation>
    </message>
    <message>
        <source>Ring result</source>
        <translation>Ergebnis des Klingelns</translation>
    </message>
    <message>
        <source>Press 1 to accept</source>
        <translation>1 drücken zum Annehmen</translation>
    </message>
    <message>
        <source>Accept result</source>
        <translation>Ergebnis der Annahme</translation>
    </message>
    <message>
        <source>Recording saved</source>
        <translation>Aufnahme gespeichert</translation>
    </message>
    <message>
        <source>Hang up</source>
        <translation>Auflegen</translation>
    </message>
    <message>
        <source>Call status</source>
        <translation>Anrufstatus</translation>
    </message>
    <message>
        <source>Twilio asked</source>
        <translation>Anfrage von Twilio</translation>
    </message>
    <message>
        <source>Sent to Twilio</source>
        <translation>An Twilio gesendet</translation>
    </message>
    <message>
        <source>Internal</source>
        <translation>Intern</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Fertig</translation>
    </message>
    <message>
        <source>Ignored</source>
        <translation>Ignoriert</translation>
    </message>
    <message>
        <source>Fetched from Twilio</source>
        <translation>Von Twilio abgeholt</translation>
    </message>
    <message>
        <source>Arriving</source>
        <translation>Geht ein</translation>
    </message>
    <message>
        <source>Handing over to the AI agent</source>
        <translation>Übergabe an den KI-Agenten</translation>
    </message>
    <message>
        <source>Connecting to the AI agent</source>
        <translation>Verbindung zum KI-Agenten</translation>
    </message>
    <message>
        <source>With the AI agent</source>
        <translation>Beim KI-Agenten</translation>
    </message>
    <message>
        <source>Ringing the fallback number</source>
        <translation>Ersatznummer klingelt</translation>
    </message>
    <message>
        <source>In the menu</source>
        <translation>Im Menü</translation>
    </message>
    <message>
        <source>Ringing staff</source>
        <translation>Mitarbeiter werden angerufen</translation>
    </message>
    <message>
        <source>Ringing %1</source>
        <extracomment>%1: who rings, a name or a list of names</extracomment>
        <translation>Klingelt bei %1</translation>
    </message>
    <message>
        <source>Talking with staff</source>
        <translation>Im Gespräch mit Mitarbeitern</translation>
    </message>
    <message>
        <source>Talking with %1</source>
        <extracomment>%1: the staff member (or number) the caller is talking with</extracomment>
        <translation>Im Gespräch mit %1</translation>
    </message>
    <message>
        <source>Leaving a voicemail</source>
        <translation>Spricht auf die Mailbox</translation>
    </message>
    <message>
        <source>Left a voicemail</source>
        <translation>Nachricht hinterlassen</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>Abgewiesen</translation>
    </message>
    <message>
        <source>Hearing the closing message</source>
        <translation>Hört die Abschlussansage</translation>
    </message>
    <message>
        <source>Talking with the fallback number</source>
        <translation>Im Gespräch mit der Ersatznummer</translation>
    </message>
</context>
<context>
    <name>CallLogWriter</name>
    <message>
        <source>The call log cannot be saved (%1). Calls are still answered; their log is kept in memory and saved as soon as the disk takes it.</source>
        <translation>Das Anrufprotokoll kann nicht gespeichert werden (%1). Anrufe werden weiter angenommen; ihr Protokoll bleibt im Speicher und wird gespeichert, sobald die Festplatte es aufnimmt.</translation>
    </message>
</context>
<context>
    <name>CallRangeOptions</name>
    <message>
        <source>%1: &quot;%2&quot; is neither a day such as 2026-11-01 nor an ISO 8601 time such as 2026-11-01T09:30.</source>
        <translation>%1: „%2“ ist weder ein Tag wie 2026-11-01 noch eine ISO-8601-Zeit wie 2026-11-01T09:30.</translation>
    </message>
    <message>
        <source>%1 must come before %2.</source>
        <translation>%1 muss vor %2 liegen.</translation>
    </message>
    <message>
        <source>%1 must be in the past.</source>
        <translation>%1 muss in der Vergangenheit liegen.</translation>
    </message>
</context>
<context>
    <name>CallRouter</name>
    <message>
        <source>an unknown number</source>
        <translation>einer unbekannten Nummer</translation>
    </message>
    <message>
        <source>en-US</source>
        <extracomment>The language Twilio&apos;s voice reads the closing sentence in, as a BCP 47 tag (de-DE, es-ES): it must match the language of the translated sentence.</extracomment>
        <translation>de-DE</translation>
    </message>
    <message>
        <source>We&apos;re sorry, nobody can take your call right now. Please try again later. Goodbye.</source>
        <translation>Es tut uns leid, im Moment kann niemand Ihren Anruf entgegennehmen. Bitte versuchen Sie es später noch einmal. Auf Wiederhören.</translation>
    </message>
    <message>
        <source>Incoming call from %1 to %2.</source>
        <translation>Eingehender Anruf von %1 an %2.</translation>
    </message>
    <message>
        <source>Routing is switched off (routing.enabled is false).</source>
        <translation>Die Weiterleitung ist ausgeschaltet (routing.enabled ist false).</translation>
    </message>
    <message>
        <source>The caller&apos;s number is withheld, so there is nobody to look up.</source>
        <translation>Die Nummer des Anrufers ist unterdrückt, daher kann niemand nachgeschlagen werden.</translation>
    </message>
    <message>
        <source>No customer is saved with the number %1.</source>
        <translation>Mit der Nummer %1 ist kein Kunde gespeichert.</translation>
    </message>
    <message>
        <source>%1 is a customer with no active booking.</source>
        <translation>%1 ist Kunde ohne aktiven Termin.</translation>
    </message>
    <message>
        <source>%1 has an active booking %2 (%3) on %4.</source>
        <translation>%1 hat einen aktiven Termin %2 (%3) am %4.</translation>
    </message>
    <message>
        <source>The caller ID &quot;%1&quot; is not a phone number, so there is nobody to look up.</source>
        <translation>Die Anruferkennung „%1“ ist keine Telefonnummer, daher kann niemand nachgeschlagen werden.</translation>
    </message>
    <message>
        <source>The caller hung up before the AI agent was ready.</source>
        <translation>Der Anrufer hat aufgelegt, bevor der KI-Agent bereit war.</translation>
    </message>
    <message>
        <source>The registration with the AI agent was interrupted.</source>
        <translation>Die Anmeldung beim KI-Agenten wurde unterbrochen.</translation>
    </message>
    <message>
        <source>Twilio sent this call again; answered as before.</source>
        <translation>Twilio hat diesen Anruf erneut gesendet; wie zuvor beantwortet.</translation>
    </message>
    <message>
        <source>A dial result arrived for a call with no record here.</source>
        <translation>Ein Wählergebnis kam für einen Anruf, zu dem hier kein Eintrag existiert.</translation>
    </message>
    <message>
        <source>no status</source>
        <translation>kein Status</translation>
    </message>
    <message>
        <source>Status &quot;%1&quot; arrived after the call had ended; ignored.</source>
        <translation>Status „%1“ kam nach dem Ende des Anrufs; ignoriert.</translation>
    </message>
    <message>
        <source>Status &quot;%1&quot; arrived after &quot;%2&quot;; ignored.</source>
        <translation>Status „%1“ kam nach „%2“; ignoriert.</translation>
    </message>
    <message>
        <source>The call is %1.</source>
        <translation>Der Anruf ist %1.</translation>
    </message>
    <message>
        <source>A menu key arrived for a call with no record here.</source>
        <translation>Eine Menütaste kam für einen Anruf, zu dem hier kein Eintrag existiert.</translation>
    </message>
    <message>
        <source>Twilio could not keep the recording %1 (%2).</source>
        <translation>Twilio konnte die Aufnahme %1 nicht speichern (%2).</translation>
    </message>
    <message>
        <source>The recording %1 is kept at Twilio: %2.</source>
        <translation>Die Aufnahme %1 bleibt bei Twilio: %2.</translation>
    </message>
    <message>
        <source>Could not download the recording %1: %2 It stays at Twilio.</source>
        <translation>Die Aufnahme %1 konnte nicht heruntergeladen werden: %2 Sie bleibt bei Twilio.</translation>
    </message>
    <message>
        <source>Saved the recording (%1 KB) as %2.</source>
        <translation>Aufnahme (%1 KB) als %2 gespeichert.</translation>
    </message>
    <message>
        <source>Twilio could not transcribe the message.</source>
        <translation>Twilio konnte die Nachricht nicht abschreiben.</translation>
    </message>
    <message>
        <source>Twilio transcribed the message: &quot;%1&quot;</source>
        <translation>Twilio hat die Nachricht abgeschrieben: „%1“</translation>
    </message>
    <message>
        <source>The recording %1 was not downloaded: its address is not at Twilio (%2).</source>
        <translation>Die Aufnahme %1 wurde nicht heruntergeladen: Ihre Adresse liegt nicht bei Twilio (%2).</translation>
    </message>
    <message>
        <source>The recording %1 was not downloaded: %2 It stays at Twilio.</source>
        <translation>Die Aufnahme %1 wurde nicht heruntergeladen: %2 Sie bleibt bei Twilio.</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>unbekannt</translation>
    </message>
    <message numerus="yes">
        <source>The call ended (%1) after %n second(s): %2.</source>
        <translation>
            <numerusform>Der Anruf endete (%1) nach %n Sekunde: %2.</numerusform>
            <numerusform>Der Anruf endete (%1) nach %n Sekunden: %2.</numerusform>
        </translation>
    </message>
    <message>
        <source>how it ended is not known</source>
        <translation>wie er endete, ist nicht bekannt</translation>
    </message>
    <message>
        <source>the AI agent took it</source>
        <translation>der KI-Agent hat ihn angenommen</translation>
    </message>
    <message>
        <source>a person took it</source>
        <translation>ein Mensch hat ihn angenommen</translation>
    </message>
    <message>
        <source>the caller left a voicemail</source>
        <translation>der Anrufer hat eine Nachricht hinterlassen</translation>
    </message>
    <message>
        <source>nobody took it</source>
        <translation>niemand hat ihn angenommen</translation>
    </message>
    <message>
        <source>the caller was turned away</source>
        <translation>der Anrufer wurde abgewiesen</translation>
    </message>
    <message>
        <source>nobody could be reached</source>
        <translation>niemand war erreichbar</translation>
    </message>
    <message>
        <source>Twilio&apos;s report of this call&apos;s end never arrived (this computer was off, asleep or cut off when it came), and no call lasts over four hours: closed from what was known: %1.</source>
        <translation>Twilios Meldung über das Ende dieses Anrufs ist nie angekommen (dieser Rechner war aus, im Ruhezustand oder nicht erreichbar), und kein Anruf dauert länger als vier Stunden: nach dem Bekannten abgeschlossen: %1.</translation>
    </message>
    <message>
        <source>Twilio&apos;s report of this call&apos;s end came while this computer was not answering; Twilio&apos;s own record of the call, asked at the next start, says it ended (%1) after %2 s: %3.</source>
        <translation>Twilios Meldung über das Ende dieses Anrufs kam, während dieser Rechner nicht antwortete; Twilios eigener Eintrag zum Anruf, beim nächsten Start abgefragt, sagt, dass er endete (%1) nach %2 s: %3.</translation>
    </message>
    <message>
        <source>voicemail</source>
        <translation>Mailbox</translation>
    </message>
    <message>
        <source>There is no staff member &quot;%1&quot;.</source>
        <translation>Es gibt keinen Mitarbeiter „%1“.</translation>
    </message>
    <message>
        <source>team %1</source>
        <translation>Team %1</translation>
    </message>
    <message>
        <source>There is no team &quot;%1&quot;.</source>
        <translation>Es gibt kein Team „%1“.</translation>
    </message>
    <message>
        <source>%1 is not a phone number in international form (+ and the country code).</source>
        <translation>%1 ist keine Telefonnummer in internationaler Form (+ und Landesvorwahl).</translation>
    </message>
</context>
<context>
    <name>CallSimulator</name>
    <message>
        <source>&quot;%1&quot; is not a phone number.</source>
        <translation>„%1“ ist keine Telefonnummer.</translation>
    </message>
    <message>
        <source>Fallback number</source>
        <translation>Ersatznummer</translation>
    </message>
    <message>
        <source>Simulated call from %1 to %2.</source>
        <translation>Simulierter Anruf von %1 an %2.</translation>
    </message>
    <message>
        <source>any number</source>
        <translation>beliebige Nummer</translation>
    </message>
    <message>
        <source>Routing is switched off (routing.enabled is false).</source>
        <translation>Die Weiterleitung ist ausgeschaltet (routing.enabled ist false).</translation>
    </message>
    <message>
        <source>The call is rejected.</source>
        <translation>Der Anruf wird abgewiesen.</translation>
    </message>
    <message>
        <source>The AI agent takes the call (if its line failed, the rule&apos;s next option would follow).</source>
        <translation>Der KI-Agent nimmt den Anruf an (falls seine Leitung ausfällt, folgt die nächste Option der Regel).</translation>
    </message>
    <message>
        <source>The caller is asked to leave a voicemail.</source>
        <translation>Der Anrufer wird gebeten, eine Nachricht zu hinterlassen.</translation>
    </message>
    <message>
        <source>Nobody can be reached: the caller hears the closing message (outcome failed).</source>
        <translation>Niemand ist erreichbar: Der Anrufer hört die Abschlussansage (Ergebnis failed).</translation>
    </message>
    <message>
        <source>The call ends with a message (outcome missed) if nobody answers.</source>
        <translation>Der Anruf endet mit einer Ansage (Ergebnis missed), wenn niemand abnimmt.</translation>
    </message>
</context>
<context>
    <name>CallStatsStore</name>
    <message>
        <source>The statistics need a start that comes before their end.</source>
        <translation>Die Statistik braucht einen Beginn, der vor ihrem Ende liegt.</translation>
    </message>
    <message>
        <source>The statistics need a valid time zone.</source>
        <translation>Die Statistik braucht eine gültige Zeitzone.</translation>
    </message>
</context>
<context>
    <name>CallerList</name>
    <message>
        <source>&quot;%1&quot; is neither a phone number nor a prefix such as +44.</source>
        <translation>„%1“ ist weder eine Telefonnummer noch ein Präfix wie +44.</translation>
    </message>
</context>
<context>
    <name>CallerListsEditor</name>
    <message>
        <source>&amp;New list…</source>
        <translation>&amp;Neue Liste…</translation>
    </message>
    <message>
        <source>R&amp;ename…</source>
        <translation>&amp;Umbenennen…</translation>
    </message>
    <message>
        <source>Remo&amp;ve</source>
        <translation>&amp;Entfernen</translation>
    </message>
    <message>
        <source>Caller lists</source>
        <translation>Anruferlisten</translation>
    </message>
    <message>
        <source>+1 555 123 4567
+1900
+44</source>
        <translation>+1 555 123 4567
+1900
+44</translation>
    </message>
    <message>
        <source>Numbers and prefixes, one per line</source>
        <translation>Nummern und Präfixe, eine pro Zeile</translation>
    </message>
    <message>
        <source>One per line: a whole number in any form, or a prefix such as +1900 (every number starting with it).</source>
        <translation>Eine pro Zeile: eine vollständige Nummer in beliebiger Schreibweise oder ein Präfix wie +1900 (jede Nummer, die damit beginnt).</translation>
    </message>
    <message numerus="yes">
        <source>Blocked callers (%n)</source>
        <translation>
            <numerusform>Gesperrte Anrufer (%n)</numerusform>
            <numerusform>Gesperrte Anrufer (%n)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Allowed callers (%n)</source>
        <translation>
            <numerusform>Erlaubte Anrufer (%n)</numerusform>
            <numerusform>Erlaubte Anrufer (%n)</numerusform>
        </translation>
    </message>
    <message>
        <source>List &quot;%1&quot; (%2)</source>
        <translation>Liste „%1“ (%2)</translation>
    </message>
    <message>
        <source>Blocked callers</source>
        <translation>Gesperrte Anrufer</translation>
    </message>
    <message>
        <source>These callers are turned away before anything else, whatever the rules say.</source>
        <translation>Diese Anrufer werden vor allem anderen abgewiesen, egal was die Regeln sagen.</translation>
    </message>
    <message>
        <source>Allowed callers</source>
        <translation>Erlaubte Anrufer</translation>
    </message>
    <message>
        <source>Leave empty to take calls from everyone. When it has numbers, only these callers get through (and never withheld numbers); the block list still wins.</source>
        <translation>Leer lassen, um Anrufe von allen anzunehmen. Sobald die Liste Nummern enthält, kommen nur diese Anrufer durch (und nie unterdrückte Nummern); die Sperrliste hat trotzdem Vorrang.</translation>
    </message>
    <message>
        <source>List &quot;%1&quot;</source>
        <translation>Liste „%1“</translation>
    </message>
    <message>
        <source>No rule uses this list yet: choose it under &quot;Caller on list&quot; in a rule.</source>
        <translation>Noch keine Regel verwendet diese Liste: Wählen Sie sie in einer Regel unter „Anrufer auf Liste“.</translation>
    </message>
    <message>
        <source>Used by %1.</source>
        <translation>Verwendet in: %1.</translation>
    </message>
    <message>
        <source>Line %1: %2</source>
        <translation>Zeile %1: %2</translation>
    </message>
    <message>
        <source>New caller list</source>
        <translation>Neue Anruferliste</translation>
    </message>
    <message>
        <source>Name of the list (for example &quot;vip&quot; or &quot;suppliers&quot;):</source>
        <translation>Name der Liste (zum Beispiel „vip“ oder „lieferanten“):</translation>
    </message>
    <message>
        <source>There is already a list &quot;%1&quot;.</source>
        <translation>Es gibt bereits eine Liste „%1“.</translation>
    </message>
    <message>
        <source>Rename list</source>
        <translation>Liste umbenennen</translation>
    </message>
    <message>
        <source>New name:</source>
        <translation>Neuer Name:</translation>
    </message>
    <message>
        <source>Remove list</source>
        <translation>Liste entfernen</translation>
    </message>
    <message>
        <source>The list &quot;%1&quot; is still used by %2. Change those rules first.</source>
        <translation>Die Liste „%1“ wird noch verwendet in: %2. Ändern Sie zuerst diese Regeln.</translation>
    </message>
    <message>
        <source>Remove the list &quot;%1&quot;?</source>
        <translation>Die Liste „%1“ entfernen?</translation>
    </message>
</context>
<context>
    <name>CallsCommand</name>
    <message>
        <source>No call with the id &quot;%1&quot;.</source>
        <translation>Kein Anruf mit der ID „%1“.</translation>
    </message>
    <message>
        <source>Call %1</source>
        <translation>Anruf %1</translation>
    </message>
    <message>
        <source>  From:     %1%2</source>
        <translation>  Von:      %1%2</translation>
    </message>
    <message>
        <source>  To:       %1</source>
        <translation>  An:       %1</translation>
    </message>
    <message>
        <source>  Started:  %1</source>
        <translation>  Beginn:   %1</translation>
    </message>
    <message>
        <source>  Ended:    %1</source>
        <translation>  Ende:     %1</translation>
    </message>
    <message>
        <source>not yet</source>
        <translation>noch nicht</translation>
    </message>
    <message>
        <source>  Duration: %1</source>
        <translation>  Dauer:    %1</translation>
    </message>
    <message>
        <source>  Outcome:  %1</source>
        <translation>  Ergebnis: %1</translation>
    </message>
    <message>
        <source>  Booking:  %1</source>
        <translation>  Termin:   %1</translation>
    </message>
    <message>
        <source>Timeline:</source>
        <translation>Verlauf:</translation>
    </message>
    <message>
        <source>--limit must be a whole number of 1 or more.</source>
        <translation>--limit muss eine ganze Zahl ab 1 sein.</translation>
    </message>
    <message>
        <source>--outcome: &quot;%1&quot; is not an outcome (ongoing, ai_agent, answered, voicemail, missed, blocked, failed).</source>
        <translation>--outcome: „%1“ ist kein Ergebnis (ongoing, ai_agent, answered, voicemail, missed, blocked, failed).</translation>
    </message>
    <message>
        <source>No calls.</source>
        <translation>Keine Anrufe.</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>Beginn</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Von</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Kunde</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Dauer</translation>
    </message>
    <message>
        <source>Call</source>
        <translation>Anruf</translation>
    </message>
    <message>
        <source>  Voicemail: %1 (%2 s)</source>
        <translation>  Nachricht: %1 (%2 s)</translation>
    </message>
    <message>
        <source>             &quot;%1&quot;</source>
        <translation>             „%1“</translation>
    </message>
    <message>
        <source>Usage: switchboard calls [--json | --csv] [--caller PREFIX] [--outcome OUTCOME] [--limit N]
       switchboard calls show CALLSID [--json]
Lists calls, newest first. Outcomes: ongoing, ai_agent, answered, voicemail,
missed, blocked, failed. --csv prints every matching call (no limit) as the Call logs
panel exports them: RFC 4180, times in UTC.
</source>
        <translation>Aufruf: switchboard calls [--json | --csv] [--caller PRÄFIX] [--outcome ERGEBNIS] [--limit N]
       switchboard calls show CALLSID [--json]
Listet die Anrufe auf, die neuesten zuerst. Ergebnisse: ongoing, ai_agent, answered, voicemail,
missed, blocked, failed. --csv gibt jeden passenden Anruf (ohne Begrenzung) so aus, wie der
Bereich Anrufprotokoll sie exportiert: RFC 4180, Zeiten in UTC.
</translation>
    </message>
</context>
<context>
    <name>ClosedDatesEditor</name>
    <message>
        <source>Add c&amp;losed day</source>
        <translation>Schl&amp;ießtag hinzufügen</translation>
    </message>
    <message>
        <source>Remove &amp;day</source>
        <translation>&amp;Tag entfernen</translation>
    </message>
    <message>
        <source>Closed days</source>
        <translation>Schließtage</translation>
    </message>
    <message>
        <source>No closed days. Add holidays and other days nobody is on call, whatever the weekly hours say.</source>
        <translation>Keine Schließtage. Fügen Sie Feiertage und andere Tage hinzu, an denen niemand Bereitschaft hat, egal was die wöchentlichen Zeiten sagen.</translation>
    </message>
    <message>
        <source>Closed day to add</source>
        <translation>Hinzuzufügender Schließtag</translation>
    </message>
</context>
<context>
    <name>ColumnMapping</name>
    <message>
        <source> or else </source>
        <translation> oder sonst </translation>
    </message>
    <message>
        <source>customer_id or phone</source>
        <translation>customer_id oder phone</translation>
    </message>
</context>
<context>
    <name>ColumnMappingEditor</name>
    <message>
        <source>The column %1 of the import</source>
        <translation>Die Spalte %1 des Imports</translation>
    </message>
    <message>
        <source>or else</source>
        <translation>oder sonst</translation>
    </message>
    <message>
        <source>Day first (31.12.2026, 31/12/2026)</source>
        <translation>Tag zuerst (31.12.2026, 31/12/2026)</translation>
    </message>
    <message>
        <source>Month first (12/31/2026)</source>
        <translation>Monat zuerst (12/31/2026)</translation>
    </message>
    <message>
        <source>&amp;Dates:</source>
        <translation>&amp;Datumsangaben:</translation>
    </message>
    <message>
        <source>Customer ID</source>
        <translation>Kundennummer</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Telefon</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>E-Mail</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notizen</translation>
    </message>
    <message>
        <source>Assigned to</source>
        <translation>Zugeordnet zu</translation>
    </message>
    <message>
        <source>Booking ID</source>
        <translation>Terminnummer</translation>
    </message>
    <message>
        <source>Customer name</source>
        <translation>Kundenname</translation>
    </message>
    <message>
        <source>Starts</source>
        <translation>Beginn</translation>
    </message>
    <message>
        <source>Ends</source>
        <translation>Ende</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>Leistung</translation>
    </message>
    <message>
        <source>Staff</source>
        <translation>Mitarbeiter</translation>
    </message>
    <message>
        <source>(choose a column)</source>
        <translation>(Spalte wählen)</translation>
    </message>
    <message>
        <source>(not in this file)</source>
        <translation>(nicht in dieser Datei)</translation>
    </message>
    <message>
        <source>(nothing to add)</source>
        <translation>(nichts anfügen)</translation>
    </message>
    <message>
        <source>(no other column)</source>
        <translation>(keine andere Spalte)</translation>
    </message>
    <message>
        <source>(column %1, no name)</source>
        <translation>(Spalte %1, ohne Namen)</translation>
    </message>
    <message>
        <source>The first rows have no start to read.</source>
        <translation>Die ersten Zeilen haben keinen Beginn, der gelesen werden könnte.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a date and time that can be read.</source>
        <translation>„%1“ ist kein lesbares Datum mit Uhrzeit.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is read as %2.</source>
        <translation>„%1“ wird gelesen als %2.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is read as %2; the file&apos;s dates can only be read this way.</source>
        <translation>„%1“ wird gelesen als %2; anders lassen sich die Daten der Datei nicht lesen.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is read as %2, month first. If the file puts the day first, choose so.</source>
        <translation>„%1“ wird gelesen als %2, Monat zuerst. Steht in der Datei der Tag zuerst, wählen Sie das aus.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is read as %2, day first. If the file puts the month first, choose so.</source>
        <translation>„%1“ wird gelesen als %2, Tag zuerst. Steht in der Datei der Monat zuerst, wählen Sie das aus.</translation>
    </message>
</context>
<context>
    <name>CommandLine</name>
    <message>
        <source>--data-dir needs a folder.</source>
        <translation>--data-dir braucht einen Ordner.</translation>
    </message>
    <message>
        <source>Unknown command &quot;%1&quot;.</source>
        <translation>Unbekannter Befehl „%1“.</translation>
    </message>
    <message>
        <source>Usage: switchboard [--data-dir DIR] COMMAND [OPTIONS]

Commands:
  gui [--hidden] [--dark] [--screenshot DIR] [--verbose]
                                        the desktop app (default); --hidden: in the tray only;
                                        DIR: every panel as PNG
  serve [--listen HOST:PORT] [--feed-listen HOST:PORT] [--verbose]
                                        run the call router headless until stopped
  config set KEY VALUE | get KEY | unset KEY | list | rotate KEY
  import customers FILE.csv [--skip-invalid]
  import bookings FILE.csv [--skip-invalid]
  calls [--json] [--caller PREFIX] [--outcome OUTCOME] [--limit N]
  calls show CALLSID [--json]
  stats [--json] [--since DATE] [--until DATE] [--number E164]
                                        calls per day and outcome, rates, durations, busiest
                                        hours and who to call back (default: last 30 days)
  plan export FILE | plan import FILE   the routing plan as one JSON document
  simulate --from NUMBER [--to NUMBER] [--at ISO8601] [--digits D] [--json]
                                        the path a call would take, calling nobody
  backup FILE                           a consistent copy of the database, taken while
                                        calls are routed
  restore FILE                          put a backup back (checked first; the current
                                        database is kept aside)
  doctor [--json]                       the checks of Setup → Check setup; exit 0 only when
                                        all pass
  twilio apply                          point the routed numbers (and their fallback for
                                        when this computer is off) at this app
  monitor URL --token TOKEN [--json]    watch another Switchboard&apos;s live calls (token also
                                        from SWITCHBOARD_FEED_TOKEN)

Global options:
  --data-dir DIR   where the database and settings live (env SWITCHBOARD_DATA_DIR)
  --help           this text; `switchboard COMMAND --help` for one command
  --version        the version
</source>
        <translation>Aufruf: switchboard [--data-dir DIR] BEFEHL [OPTIONEN]

Befehle:
  gui [--hidden] [--dark] [--screenshot DIR] [--verbose]
                                        die Desktop-App (Standard); --hidden: nur im Infobereich;
                                        DIR: jeder Bereich als PNG
  serve [--listen HOST:PORT] [--feed-listen HOST:PORT] [--verbose]
                                        den Anrufrouter ohne Fenster ausführen, bis er gestoppt wird
  config set SCHLÜSSEL WERT | get SCHLÜSSEL | unset SCHLÜSSEL | list | rotate SCHLÜSSEL
  import customers DATEI.csv [--skip-invalid]
  import bookings DATEI.csv [--skip-invalid]
  calls [--json] [--caller PRÄFIX] [--outcome ERGEBNIS] [--limit N]
  calls show CALLSID [--json]
  stats [--json] [--since DATUM] [--until DATUM] [--number E164]
                                        Anrufe pro Tag und Ergebnis, Anteile, Dauer, anrufstärkste
                                        Stunden und wer zurückzurufen ist (Standard: letzte 30 Tage)
  plan export DATEI | plan import DATEI der Weiterleitungsplan als ein JSON-Dokument
  simulate --from NUMMER [--to NUMMER] [--at ISO8601] [--digits D] [--json]
                                        der Weg, den ein Anruf nehmen würde, ohne jemanden anzurufen
  backup DATEI                          eine in sich stimmige Kopie der Datenbank, angelegt
                                        während Anrufe weitergeleitet werden
  restore DATEI                         eine Sicherung zurückspielen (vorher geprüft; die
                                        bisherige Datenbank wird beiseitegelegt)
  doctor [--json]                       die Prüfungen von Einrichtung → Einrichtung prüfen;
                                        Rückgabe 0 nur, wenn alle bestehen
  twilio apply                          die weitergeleiteten Nummern (und ihre Ersatzlösung für
                                        einen ausgeschalteten Rechner) auf diese App richten
  monitor URL --token TOKEN [--json]    die laufenden Anrufe eines anderen Switchboard verfolgen
                                        (Token auch aus SWITCHBOARD_FEED_TOKEN)

Globale Optionen:
  --data-dir DIR   wo Datenbank und Einstellungen liegen (Umgebung SWITCHBOARD_DATA_DIR)
  --help           dieser Text; `switchboard BEFEHL --help` für einen einzelnen Befehl
  --version        die Version
</translation>
    </message>
</context>
<context>
    <name>CommandSupport</name>
    <message>
        <source>The log file cannot be written: %1</source>
        <translation>Die Protokolldatei kann nicht geschrieben werden: %1</translation>
    </message>
</context>
<context>
    <name>ConfigCommand</name>
    <message>
        <source>Usage: switchboard config set KEY VALUE | get KEY | unset KEY | list
Settings are checked when set; phone numbers are stored as E.164. Secrets
(twilio.auth_token, retell.api_key) are stored encrypted and shown as (set).
</source>
        <translation>Aufruf: switchboard config set SCHLÜSSEL WERT | get SCHLÜSSEL | unset SCHLÜSSEL | list
Einstellungen werden beim Setzen geprüft; Telefonnummern werden im Format E.164 gespeichert.
Geheimnisse (twilio.auth_token, retell.api_key) werden verschlüsselt gespeichert und als (set) angezeigt.
</translation>
    </message>
    <message>
        <source>Unknown setting &quot;%1&quot;; run `switchboard config list` to see them all.</source>
        <translation>Unbekannte Einstellung „%1“; `switchboard config list` zeigt alle an.</translation>
    </message>
    <message>
        <source>A VALUE of - is read from standard input, which keeps a secret out of the shell
history and the process list.
</source>
        <translation>Ein VALUE von - wird von der Standardeingabe gelesen; so bleibt ein Geheimnis aus der
Shell-Historie und der Prozessliste heraus.
</translation>
    </message>
    <message>
        <source>Cannot read the value of %1 from standard input.</source>
        <translation>Der Wert von %1 kann nicht von der Standardeingabe gelesen werden.</translation>
    </message>
    <message>
        <source>No value for %1 arrived on standard input.</source>
        <translation>Auf der Standardeingabe kam kein Wert für %1 an.</translation>
    </message>
    <message>
        <source>       switchboard config rotate feed.view_token | feed.control_token
Makes a new token for the live feed and prints it; seats that used the old one
are refused from then on.
</source>
        <translation>       switchboard config rotate feed.view_token | feed.control_token
Macht ein neues Token für die Live-Übertragung und gibt es aus; Plätze, die das alte benutzten,
werden von da an abgewiesen.
</translation>
    </message>
</context>
<context>
    <name>ConnectionBanner</name>
    <message>
        <source>&amp;Trust this certificate</source>
        <translation>Diesem Zertifikat &amp;vertrauen</translation>
    </message>
    <message>
        <source>Enter another &amp;token…</source>
        <translation>Einen anderen &amp;Token eingeben…</translation>
    </message>
    <message>
        <source>SHA-256 fingerprint of the certificate</source>
        <translation>SHA-256-Fingerabdruck des Zertifikats</translation>
    </message>
</context>
<context>
    <name>ConnectionPage</name>
    <message>
        <source>How Twilio reaches this computer</source>
        <translation>Wie Twilio diesen Computer erreicht</translation>
    </message>
    <message>
        <source>Twilio hands each call to Switchboard over the internet, so this computer needs an https address that leads to it.</source>
        <translation>Twilio übergibt jeden Anruf über das Internet an Switchboard, daher braucht dieser Computer eine https-Adresse, die zu ihm führt.</translation>
    </message>
    <message>
        <source>A tunnel (Cloudflare Tunnel, ngrok…) gives this computer an https address</source>
        <translation>Ein Tunnel (Cloudflare Tunnel, ngrok…) gibt diesem Computer eine https-Adresse</translation>
    </message>
    <message>
        <source>The office router forwards a port to this computer, behind an https proxy</source>
        <translation>Der Router im Büro leitet einen Port an diesen Computer weiter, hinter einem https-Proxy</translation>
    </message>
    <message>
        <source>Public address</source>
        <translation>Öffentliche Adresse</translation>
    </message>
    <message>
        <source>https://frontdesk.example.net</source>
        <translation>https://frontdesk.example.net</translation>
    </message>
    <message>
        <source>The https address the tunnel or the port-forward gives you.</source>
        <translation>Die https-Adresse, die Ihnen der Tunnel oder die Portweiterleitung gibt.</translation>
    </message>
    <message>
        <source>Listen on</source>
        <translation>Lauschen auf</translation>
    </message>
    <message>
        <source>Where Switchboard takes the calls on this computer: point the tunnel or the port-forward here.</source>
        <translation>Wo Switchboard auf diesem Computer die Anrufe annimmt: Richten Sie den Tunnel oder die Portweiterleitung hierauf.</translation>
    </message>
    <message>
        <source>Check the connection</source>
        <translation>Verbindung prüfen</translation>
    </message>
    <message>
        <source>Sends a signed test request to the public address, as Twilio would; nothing is stored.</source>
        <translation>Sendet eine signierte Testanfrage an die öffentliche Adresse, wie Twilio es täte; nichts wird gespeichert.</translation>
    </message>
    <message>
        <source>Fix the entries marked in red first.</source>
        <translation>Korrigieren Sie zuerst die rot markierten Einträge.</translation>
    </message>
    <message>
        <source>Asking Twilio&apos;s way in…</source>
        <translation>Der Weg von Twilio herein wird geprüft…</translation>
    </message>
</context>
<context>
    <name>CsvImportDialog</name>
    <message>
        <source>Import only the good rows (leave out the bad ones and list them)</source>
        <translation>Nur die fehlerfreien Zeilen importieren (fehlerhafte auslassen und auflisten)</translation>
    </message>
    <message>
        <source>Choose file…</source>
        <translation>Datei wählen…</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>Importieren</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Anhalten</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>Import customers</source>
        <translation>Kunden importieren</translation>
    </message>
    <message>
        <source>Import bookings</source>
        <translation>Termine importieren</translation>
    </message>
    <message>
        <source>No file chosen.</source>
        <translation>Keine Datei gewählt.</translation>
    </message>
    <message>
        <source>CSV files (*.csv *.txt);;All files (*)</source>
        <translation>CSV-Dateien (*.csv *.txt);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Cannot read %1: %2.</source>
        <translation>%1 kann nicht gelesen werden: %2.</translation>
    </message>
    <message>
        <source>%1 is empty; it needs a first row naming the columns.</source>
        <translation>%1 ist leer; die erste Zeile muss die Spalten benennen.</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>(no name, not imported)</source>
        <translation>(kein Name, nicht importiert)</translation>
    </message>
    <message>
        <source>%1 (not imported)</source>
        <translation>%1 (nicht importiert)</translation>
    </message>
    <message>
        <source>Line %1</source>
        <translation>Zeile %1</translation>
    </message>
    <message>
        <source>Columns imported: %1.</source>
        <translation>Importierte Spalten: %1.</translation>
    </message>
    <message>
        <source>Not imported: %1.</source>
        <translation>Nicht importiert: %1.</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>Wird gestartet…</translation>
    </message>
    <message>
        <source>Stopping…</source>
        <translation>Wird angehalten…</translation>
    </message>
    <message>
        <source>%1 rows read</source>
        <translation>%1 Zeilen gelesen</translation>
    </message>
    <message>
        <source>Imported 1 new customer.</source>
        <translation>1 neuer Kunde importiert.</translation>
    </message>
    <message>
        <source>Imported %1 new customers.</source>
        <translation>%1 neue Kunden importiert.</translation>
    </message>
    <message>
        <source>Imported 1 new booking.</source>
        <translation>1 neuer Termin importiert.</translation>
    </message>
    <message>
        <source>Imported %1 new bookings.</source>
        <translation>%1 neue Termine importiert.</translation>
    </message>
    <message>
        <source>Updated %1 already saved.</source>
        <translation>%1 bereits gespeicherte aktualisiert.</translation>
    </message>
    <message>
        <source>Created 1 customer from the phone number of a booking.</source>
        <translation>1 Kunde aus der Telefonnummer eines Termins angelegt.</translation>
    </message>
    <message>
        <source>Created %1 customers from the phone numbers of bookings.</source>
        <translation>%1 Kunden aus den Telefonnummern von Terminen angelegt.</translation>
    </message>
    <message>
        <source>Left out 1 bad row:</source>
        <translation>1 fehlerhafte Zeile ausgelassen:</translation>
    </message>
    <message>
        <source>Left out %1 bad rows:</source>
        <translation>%1 fehlerhafte Zeilen ausgelassen:</translation>
    </message>
    <message>
        <source>Nothing was imported: 1 row has a problem.</source>
        <translation>Nichts wurde importiert: 1 Zeile hat ein Problem.</translation>
    </message>
    <message>
        <source>Nothing was imported: %1 rows have problems.</source>
        <translation>Nichts wurde importiert: %1 Zeilen haben Probleme.</translation>
    </message>
    <message>
        <source>Fix them in the file and import it again, or tick &quot;Import only the good rows&quot;.</source>
        <translation>Korrigieren Sie sie in der Datei und importieren Sie sie erneut, oder haken Sie „Nur die fehlerfreien Zeilen importieren“ an.</translation>
    </message>
    <message>
        <source>Line %1: %2</source>
        <translation>Zeile %1: %2</translation>
    </message>
    <message>
        <source>Example file…</source>
        <translation>Beispieldatei…</translation>
    </message>
    <message>
        <source>Save a small file with the columns the import reads, to fill in or compare</source>
        <translation>Eine kleine Datei mit den Spalten speichern, die der Import liest, zum Ausfüllen oder Vergleichen</translation>
    </message>
    <message>
        <source>Choose a CSV file to see its first rows here: an export of your practice software or a spreadsheet, with commas or semicolons between the columns.

You then say which of its columns holds the name, the phone number (a mobile, or else a landline), the email, the notes, the staff member the customer is assigned to, and the customer&apos;s number in your software. Customers already saved are updated by that number, or without one by their name and phone. Example file… saves a file with the columns the import reads.</source>
        <translation>Wählen Sie eine CSV-Datei, um hier ihre ersten Zeilen zu sehen: einen Export Ihrer Praxissoftware oder eine Tabelle, mit Kommas oder Semikolons zwischen den Spalten.

Dann geben Sie an, welche ihrer Spalten den Namen enthält, die Telefonnummer (ein Handy, sonst ein Festnetzanschluss), die E-Mail, die Notizen, den zuständigen Mitarbeiter und die Nummer des Kunden in Ihrer Software. Bereits gespeicherte Kunden werden über diese Nummer aktualisiert, ohne Nummer über Name und Telefonnummer. „Beispieldatei…“ speichert eine Datei mit den Spalten, die der Import liest.</translation>
    </message>
    <message>
        <source>Choose a CSV file to see its first rows here: an export of your practice software or a spreadsheet, with commas or semicolons between the columns.

You then say which of its columns holds the booking&apos;s number, when it starts (a date and time, or a date and a time), and who it is for: the customer&apos;s number, or their name and phone number. The end, status, service and staff are read when the file has them. Times are read in this computer&apos;s time zone. Bookings already saved are updated by their number. Example file… saves a file with the columns the import reads.</source>
        <translation>Wählen Sie eine CSV-Datei, um hier ihre ersten Zeilen zu sehen: einen Export Ihrer Praxissoftware oder eine Tabelle, mit Kommas oder Semikolons zwischen den Spalten.

Dann geben Sie an, welche ihrer Spalten die Terminnummer enthält, den Beginn (Datum und Uhrzeit, oder ein Datum und eine Uhrzeit) und für wen der Termin ist: die Nummer des Kunden oder sein Name und seine Telefonnummer. Ende, Status, Leistung und Mitarbeiter werden gelesen, wenn die Datei sie hat. Uhrzeiten gelten in der Zeitzone dieses Computers. Bereits gespeicherte Termine werden über ihre Nummer aktualisiert. „Beispieldatei…“ speichert eine Datei mit den Spalten, die der Import liest.</translation>
    </message>
    <message>
        <source>customers-example.csv</source>
        <translation>kunden-beispiel.csv</translation>
    </message>
    <message>
        <source>bookings-example.csv</source>
        <translation>termine-beispiel.csv</translation>
    </message>
    <message>
        <source>Save an example file</source>
        <translation>Beispieldatei speichern</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV-Dateien (*.csv)</translation>
    </message>
    <message>
        <source>The example file could not be saved as %1: %2.</source>
        <translation>Die Beispieldatei konnte nicht als %1 gespeichert werden: %2.</translation>
    </message>
    <message>
        <source>%1, from the file&apos;s %2</source>
        <translation>%1, aus %2 der Datei</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a date and time that can be read.</source>
        <translation>„%1“ ist kein lesbares Datum mit Uhrzeit.</translation>
    </message>
    <message>
        <source>Choose which column of %1 holds %2: the import needs it.</source>
        <translation>Wählen Sie, welche Spalte von %1 %2 enthält: Der Import braucht sie.</translation>
    </message>
    <message>
        <source>The first rows as they will be imported (what the import would refuse in red):</source>
        <translation>Die ersten Zeilen, wie sie importiert werden (was der Import ablehnen würde, in Rot):</translation>
    </message>
    <message>
        <source>A note about a phone number that customers share is at the end of the list.</source>
        <translation>Ein Hinweis zu einer Telefonnummer, die sich Kunden teilen, steht am Ende der Liste.</translation>
    </message>
    <message>
        <source>%1 notes about phone numbers that customers share are at the end of the list.</source>
        <translation>%1 Hinweise zu Telefonnummern, die sich Kunden teilen, stehen am Ende der Liste.</translation>
    </message>
    <message>
        <source>Line %1, column %2: %3</source>
        <translation>Zeile %1, Spalte %2: %3</translation>
    </message>
    <message>
        <source>Note: %1</source>
        <translation>Hinweis: %1</translation>
    </message>
</context>
<context>
    <name>CsvReader</name>
    <message>
        <source>The input could not be read: %1.</source>
        <translation>Die Eingabe konnte nicht gelesen werden: %1.</translation>
    </message>
    <message>
        <source>The text is UTF-16, not UTF-8.</source>
        <translation>Der Text ist UTF-16, nicht UTF-8.</translation>
    </message>
    <message>
        <source>Line %1 is not valid UTF-8 text.</source>
        <translation>Zeile %1 ist kein gültiger UTF-8-Text.</translation>
    </message>
    <message>
        <source>The quoted field that starts on line %1 has no closing quote.</source>
        <translation>Dem in Zeile %1 beginnenden Feld in Anführungszeichen fehlt das schließende Anführungszeichen.</translation>
    </message>
</context>
<context>
    <name>CsvTableImporter</name>
    <message>
        <source>%1 does not name the required columns %2 in its first row (expected: %3).</source>
        <translation>%1 nennt in der ersten Zeile nicht die erforderlichen Spalten %2 (erwartet: %3).</translation>
    </message>
    <message>
        <source>%1 names the columns %2 more than once in its first row.</source>
        <translation>%1 nennt die Spalten %2 in der ersten Zeile mehr als einmal.</translation>
    </message>
    <message>
        <source>Cannot read %1 to the end: %2.</source>
        <translation>%1 kann nicht bis zum Ende gelesen werden: %2.</translation>
    </message>
    <message>
        <source>%1 is UTF-16 text; save it as UTF-8 and import it again.</source>
        <translation>%1 ist UTF-16-Text; speichern Sie die Datei als UTF-8 und importieren Sie sie erneut.</translation>
    </message>
    <message>
        <source>%1 is not UTF-8 text (line %2); save it as UTF-8 and import it again.</source>
        <translation>%1 ist kein UTF-8-Text (Zeile %2); speichern Sie die Datei als UTF-8 und importieren Sie sie erneut.</translation>
    </message>
    <message>
        <source>%1 has a quoted value starting on line %2 that never ends; a closing double quote is missing.</source>
        <translation>%1 enthält einen Wert in Anführungszeichen ab Zeile %2, der nie endet; ein schließendes doppeltes Anführungszeichen fehlt.</translation>
    </message>
    <message>
        <source>Cannot read %1: %2.</source>
        <translation>%1 kann nicht gelesen werden: %2.</translation>
    </message>
    <message>
        <source>%1 is empty; it needs a first row naming the columns.</source>
        <translation>%1 ist leer; die erste Zeile muss die Spalten benennen.</translation>
    </message>
    <message>
        <source>Cannot import %1: %2</source>
        <translation>%1 kann nicht importiert werden: %2</translation>
    </message>
    <message>
        <source>the row has %1 values but the first row names %2 columns; a value containing a comma must be in double quotes</source>
        <translation>die Zeile hat %1 Werte, aber die erste Zeile nennt %2 Spalten; ein Wert mit Komma muss in doppelten Anführungszeichen stehen</translation>
    </message>
    <message>
        <source>Cannot import %1 (line %2): %3</source>
        <translation>%1 kann nicht importiert werden (Zeile %2): %3</translation>
    </message>
    <message>
        <source>The import of %1 was stopped; nothing was imported.</source>
        <translation>Der Import von %1 wurde angehalten; nichts wurde importiert.</translation>
    </message>
    <message>
        <source>The first row of %1 is not the one its columns were matched for; choose the file again.</source>
        <translation>Die erste Zeile von %1 ist nicht die, für die ihre Spalten zugeordnet wurden; wählen Sie die Datei erneut.</translation>
    </message>
    <message>
        <source>the row has %1 values but the first row names %2 columns; a value containing a semicolon or a tab must be in double quotes</source>
        <translation>die Zeile hat %1 Werte, aber die erste Zeile nennt %2 Spalten; ein Wert mit einem Semikolon oder Tabulator muss in doppelten Anführungszeichen stehen</translation>
    </message>
</context>
<context>
    <name>CustomerCheck</name>
    <message>
        <source>A name is needed: it is what the front desk sees.</source>
        <translation>Ein Name ist nötig: Ihn sieht der Empfang.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not an email address.</source>
        <translation>„%1“ ist keine E-Mail-Adresse.</translation>
    </message>
    <message>
        <source>name is empty</source>
        <translation>name ist leer</translation>
    </message>
    <message>
        <source>phone &quot;%1&quot; is not a phone number</source>
        <translation>phone „%1“ ist keine Telefonnummer</translation>
    </message>
    <message>
        <source>email &quot;%1&quot; is not an email address</source>
        <translation>email „%1“ ist keine E-Mail-Adresse</translation>
    </message>
    <message>
        <source>assigned_staff &quot;%1&quot; is not on the staff of the routing plan, which has nobody yet; add them under Staff &amp; schedules first, or leave the cell empty</source>
        <translation>assigned_staff „%1“ gehört nicht zu den Mitarbeitern des Weiterleitungsplans, der noch niemanden hat; fügen Sie die Person zuerst unter „Mitarbeiter &amp; Zeitpläne“ hinzu oder lassen Sie die Zelle leer</translation>
    </message>
    <message>
        <source>assigned_staff &quot;%1&quot; is not on the staff of the routing plan: %2</source>
        <translation>assigned_staff „%1“ gehört nicht zu den Mitarbeitern des Weiterleitungsplans: %2</translation>
    </message>
</context>
<context>
    <name>CustomerDialog</name>
    <message>
        <source>Add customer</source>
        <translation>Kunden hinzufügen</translation>
    </message>
    <message>
        <source>(555) 123-4567 or +44 20 7946 0018</source>
        <translation>(555) 123-4567 oder +44 20 7946 0018</translation>
    </message>
    <message>
        <source>Nobody</source>
        <translation>Niemand</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>&amp;Phone:</source>
        <translation>&amp;Telefon:</translation>
    </message>
    <message>
        <source>&amp;Email:</source>
        <translation>&amp;E-Mail:</translation>
    </message>
    <message>
        <source>&amp;Assigned to:</source>
        <translation>&amp;Zuständig:</translation>
    </message>
    <message>
        <source>N&amp;otes:</source>
        <translation>N&amp;otizen:</translation>
    </message>
    <message>
        <source>Edit customer</source>
        <translation>Kunden bearbeiten</translation>
    </message>
    <message>
        <source>%1 (not in the routing plan)</source>
        <translation>%1 (nicht im Weiterleitungsplan)</translation>
    </message>
    <message>
        <source>Calls from %1 will be recognised as this customer.</source>
        <translation>Anrufe von %1 werden diesem Kunden zugeordnet.</translation>
    </message>
    <message>
        <source>Without a number, calls from this customer are not recognised.</source>
        <translation>Ohne Nummer werden Anrufe dieses Kunden nicht erkannt.</translation>
    </message>
    <message>
        <source>The customer was not saved: %1</source>
        <translation>Der Kunde wurde nicht gespeichert: %1</translation>
    </message>
</context>
<context>
    <name>CustomerImporter</name>
    <message>
        <source>customer_id is empty</source>
        <translation>customer_id ist leer</translation>
    </message>
    <message>
        <source>customer_id &quot;%1&quot; is already used on line %2</source>
        <translation>customer_id „%1“ wird bereits in Zeile %2 verwendet</translation>
    </message>
    <message>
        <source>the same name and phone as line %1</source>
        <translation>derselbe Name und dieselbe Telefonnummer wie in Zeile %1</translation>
    </message>
    <message>
        <source>a customer without a name</source>
        <translation>ein Kunde ohne Namen</translation>
    </message>
    <message>
        <source>Line %1 has the phone number %2, the same as %3 (already saved): fine for a family&apos;s landline, a typo otherwise.</source>
        <translation>Zeile %1 hat die Telefonnummer %2, dieselbe wie %3 (bereits gespeichert): in Ordnung für den Festnetzanschluss einer Familie, sonst ein Tippfehler.</translation>
    </message>
    <message>
        <source>Lines %1 have the same phone number, %2 (%3): fine for a family&apos;s landline, a typo otherwise.</source>
        <translation>Die Zeilen %1 haben dieselbe Telefonnummer, %2 (%3): in Ordnung für den Festnetzanschluss einer Familie, sonst ein Tippfehler.</translation>
    </message>
</context>
<context>
    <name>CustomerStore</name>
    <message>
        <source>There is no customer with id %1.</source>
        <translation>Es gibt keinen Kunden mit der ID %1.</translation>
    </message>
    <message>
        <source>A customer needs an id to be inserted or updated by id.</source>
        <translation>Ein Kunde braucht eine ID, um per ID eingefügt oder aktualisiert zu werden.</translation>
    </message>
    <message>
        <source>The customer %1 could not be read back for updating.</source>
        <translation>Der Kunde %1 konnte zum Aktualisieren nicht zurückgelesen werden.</translation>
    </message>
    <message>
        <source>A customer cannot be merged with themselves.</source>
        <translation>Ein Kunde kann nicht mit sich selbst zusammengeführt werden.</translation>
    </message>
</context>
<context>
    <name>CustomersModel</name>
    <message>
        <source>(no name)</source>
        <translation>(kein Name)</translation>
    </message>
    <message>
        <source>Saved as &quot;%1&quot;. Calls from %2 are recognised as this customer.</source>
        <translation>Gespeichert als „%1“. Anrufe von %2 werden diesem Kunden zugeordnet.</translation>
    </message>
    <message>
        <source>No phone number: calls from this customer are not recognised.</source>
        <translation>Keine Telefonnummer: Anrufe dieses Kunden werden nicht erkannt.</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Telefon</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>E-Mail</translation>
    </message>
    <message>
        <source>Next booking</source>
        <translation>Nächster Termin</translation>
    </message>
    <message>
        <source>Assigned staff</source>
        <translation>Zuständig</translation>
    </message>
</context>
<context>
    <name>CustomersPanel</name>
    <message>
        <source>Confirmed</source>
        <translation>Bestätigt</translation>
    </message>
    <message>
        <source>Pending</source>
        <translation>Offen</translation>
    </message>
    <message>
        <source>Canceled</source>
        <translation>Storniert</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>Erledigt</translation>
    </message>
    <message>
        <source>No-show</source>
        <translation>Nicht erschienen</translation>
    </message>
    <message>
        <source>Add customer…</source>
        <translation>Kunden hinzufügen…</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>Bearbeiten…</translation>
    </message>
    <message>
        <source>Starts</source>
        <translation>Beginn</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>Leistung</translation>
    </message>
    <message>
        <source>Staff</source>
        <translation>Mitarbeiter</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>New booking…</source>
        <translation>Neuer Termin…</translation>
    </message>
    <message>
        <source>Cancel booking</source>
        <translation>Termin stornieren</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Wann</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>Length</source>
        <translation>Dauer</translation>
    </message>
    <message>
        <source>Answered by</source>
        <translation>Angenommen von</translation>
    </message>
    <message>
        <source>Customers &amp; bookings</source>
        <translation>Kunden &amp; Termine</translation>
    </message>
    <message>
        <source>Search by name or phone number</source>
        <translation>Nach Name oder Telefonnummer suchen</translation>
    </message>
    <message>
        <source>Highlighted: active bookings (confirmed or pending, and not over yet).</source>
        <translation>Hervorgehoben: aktive Termine (bestätigt oder offen und noch nicht vorbei).</translation>
    </message>
    <message>
        <source>Bookings</source>
        <translation>Termine</translation>
    </message>
    <message>
        <source>Recent calls</source>
        <translation>Letzte Anrufe</translation>
    </message>
    <message>
        <source>Select a customer to see their bookings and calls.</source>
        <translation>Wählen Sie einen Kunden, um seine Termine und Anrufe zu sehen.</translation>
    </message>
    <message>
        <source>1 customer</source>
        <translation>1 Kunde</translation>
    </message>
    <message>
        <source>%1 customers</source>
        <translation>%1 Kunden</translation>
    </message>
    <message>
        <source>%1 of %2 customers match &quot;%3&quot;</source>
        <translation>%1 von %2 Kunden passen zu „%3“</translation>
    </message>
    <message>
        <source>No customer&apos;s name or number matches &quot;%1&quot;.</source>
        <translation>Kein Kundenname und keine Nummer passt zu „%1“.</translation>
    </message>
    <message>
        <source>(no name)</source>
        <translation>(kein Name)</translation>
    </message>
    <message>
        <source>No phone number</source>
        <translation>Keine Telefonnummer</translation>
    </message>
    <message>
        <source>Assigned to %1</source>
        <translation>Zuständig: %1</translation>
    </message>
    <message>
        <source>%1–%2</source>
        <translation>%1–%2</translation>
    </message>
    <message>
        <source>No phone number is saved, so calls cannot be matched to this customer.</source>
        <translation>Es ist keine Telefonnummer gespeichert, daher können Anrufe diesem Kunden nicht zugeordnet werden.</translation>
    </message>
    <message>
        <source>No calls from %1 yet.</source>
        <translation>Noch keine Anrufe von %1.</translation>
    </message>
    <message>
        <source>Only active bookings can be canceled.</source>
        <translation>Nur aktive Termine können storniert werden.</translation>
    </message>
    <message>
        <source>Cancel %1&apos;s booking of %2?</source>
        <translation>Termin von %1 am %2 stornieren?</translation>
    </message>
    <message>
        <source>It stays in the list as canceled, and calls from this customer no longer count it as an active booking.</source>
        <translation>Er bleibt als storniert in der Liste, und bei Anrufen dieses Kunden zählt er nicht mehr als aktiver Termin.</translation>
    </message>
    <message>
        <source>Keep booking</source>
        <translation>Termin behalten</translation>
    </message>
    <message>
        <source>The booking was not canceled: %1</source>
        <translation>Der Termin wurde nicht storniert: %1</translation>
    </message>
    <message>
        <source>Merge duplicate…</source>
        <translation>Duplikat zusammenführen…</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>Löschen…</translation>
    </message>
    <message>
        <source>Edit booking…</source>
        <translation>Termin bearbeiten…</translation>
    </message>
    <message>
        <source>Delete customer</source>
        <translation>Kunden löschen</translation>
    </message>
    <message>
        <source>Delete %1?</source>
        <translation>%1 löschen?</translation>
    </message>
    <message numerus="yes">
        <source>Delete %1 and their %n booking(s)?</source>
        <translation>
            <numerusform>%1 und %n zugehörigen Termin löschen?</numerusform>
            <numerusform>%1 und die %n zugehörigen Termine löschen?</numerusform>
        </translation>
    </message>
    <message>
        <source>Their calls stay in the call log under their phone number. This cannot be undone.</source>
        <translation>Die Anrufe bleiben unter der Telefonnummer im Anrufprotokoll. Das lässt sich nicht rückgängig machen.</translation>
    </message>
    <message>
        <source>Keep customer</source>
        <translation>Kunden behalten</translation>
    </message>
    <message>
        <source>%1 was not deleted, and nothing was changed: %2</source>
        <translation>%1 wurde nicht gelöscht, und nichts wurde geändert: %2</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>Importieren</translation>
    </message>
    <message>
        <source>Customers from a CSV file…</source>
        <translation>Kunden aus einer CSV-Datei…</translation>
    </message>
    <message>
        <source>Bookings from a CSV file…</source>
        <translation>Termine aus einer CSV-Datei…</translation>
    </message>
    <message>
        <source>No customers yet.

Add them one by one with &quot;Add customer…&quot;, or bring in your customer list with &quot;Import&quot; → &quot;Customers from a CSV file…&quot;.</source>
        <translation>Noch keine Kunden.

Fügen Sie sie einzeln mit „Kunden hinzufügen…“ hinzu oder übernehmen Sie Ihre Kundenliste mit „Importieren“ → „Kunden aus einer CSV-Datei…“.</translation>
    </message>
    <message>
        <source>Call back…</source>
        <translation>Rückruf…</translation>
    </message>
    <message>
        <source>Select a customer to call them back.</source>
        <translation>Wählen Sie einen Kunden, um ihn zurückzurufen.</translation>
    </message>
    <message>
        <source>This customer has no phone number that can be called.</source>
        <translation>Dieser Kunde hat keine Telefonnummer, die angerufen werden kann.</translation>
    </message>
    <message>
        <source>Ring a phone of the practice first, then this customer.</source>
        <translation>Zuerst ein Telefon der Praxis anklingeln, dann diesen Kunden.</translation>
    </message>
</context>
<context>
    <name>DailyBackup</name>
    <message>
        <source>Cannot create the backup folder %1.</source>
        <translation>Der Sicherungsordner %1 kann nicht angelegt werden.</translation>
    </message>
</context>
<context>
    <name>DataDirectory</name>
    <message>
        <source>Cannot create the data folder %1.</source>
        <translation>Der Datenordner %1 kann nicht angelegt werden.</translation>
    </message>
    <message>
        <source>The database %1 is damaged (SQLite says &quot;%2&quot;), and there is no backup in this data folder.</source>
        <translation>Die Datenbank %1 ist beschädigt (SQLite meldet „%2“), und in diesem Datenordner gibt es keine Sicherung.</translation>
    </message>
    <message>
        <source>The database %1 is damaged (SQLite says &quot;%2&quot;). The newest backup is %3: put it back with `switchboard restore %3`.</source>
        <translation>Die Datenbank %1 ist beschädigt (SQLite meldet „%2“). Die neueste Sicherung ist %3: Spielen Sie sie mit `switchboard restore %3` zurück.</translation>
    </message>
</context>
<context>
    <name>DataFolderPath</name>
    <message>
        <source>The data folder %1 does not exist.</source>
        <translation>Der Datenordner %1 existiert nicht.</translation>
    </message>
    <message>
        <source>The file name %1 leaves the data folder.</source>
        <translation>Der Dateiname %1 führt aus dem Datenordner heraus.</translation>
    </message>
    <message>
        <source>Cannot create the folder %1.</source>
        <translation>Der Ordner %1 lässt sich nicht anlegen.</translation>
    </message>
</context>
<context>
    <name>Database</name>
    <message>
        <source>Cannot create the data folder %1.</source>
        <translation>Der Datenordner %1 kann nicht angelegt werden.</translation>
    </message>
    <message>
        <source>Cannot open the database %1: %2</source>
        <translation>Die Datenbank %1 kann nicht geöffnet werden: %2</translation>
    </message>
    <message>
        <source>Cannot read the schema version of %1.</source>
        <translation>Die Schemaversion von %1 kann nicht gelesen werden.</translation>
    </message>
    <message>
        <source>The database %1 was written by a newer Switchboard (schema %2; this one knows %3).</source>
        <translation>Die Datenbank %1 wurde von einem neueren Switchboard geschrieben (Schema %2; dieses kennt %3).</translation>
    </message>
    <message>
        <source>%1 is not a Switchboard database (SQLite cannot read it); move it away or choose another data folder.</source>
        <translation>%1 ist keine Switchboard-Datenbank (SQLite kann sie nicht lesen); verschieben Sie sie oder wählen Sie einen anderen Datenordner.</translation>
    </message>
    <message>
        <source>The database %1 is locked by another program; try again in a moment.</source>
        <translation>Die Datenbank %1 ist von einem anderen Programm gesperrt; versuchen Sie es gleich noch einmal.</translation>
    </message>
    <message>
        <source>Database error in %1: %2</source>
        <translation>Datenbankfehler in %1: %2</translation>
    </message>
    <message>
        <source>Cannot set the lock wait of %1: %2</source>
        <translation>Die Sperr-Wartezeit von %1 kann nicht gesetzt werden: %2</translation>
    </message>
    <message>
        <source>Cannot back up the database %1 before upgrading it, so it was left as it was: %2</source>
        <translation>Die Datenbank %1 kann vor der Aktualisierung nicht gesichert werden und wurde deshalb unverändert gelassen: %2</translation>
    </message>
</context>
<context>
    <name>DatabaseBackup</name>
    <message>
        <source>There is no database at %1.</source>
        <translation>In %1 gibt es keine Datenbank.</translation>
    </message>
    <message>
        <source>Cannot read the database %1: %2.</source>
        <translation>Die Datenbank %1 kann nicht gelesen werden: %2.</translation>
    </message>
    <message>
        <source>Cannot write %1: %2.</source>
        <translation>%1 kann nicht geschrieben werden: %2.</translation>
    </message>
    <message>
        <source>the copy fails SQLite&apos;s integrity check (%1)</source>
        <translation>die Kopie besteht die Integritätsprüfung von SQLite nicht (%1)</translation>
    </message>
    <message>
        <source>Cannot back the database up to %1: %2.</source>
        <translation>Die Datenbank kann nicht nach %1 gesichert werden: %2.</translation>
    </message>
    <message>
        <source>Cannot put the backup in place at %1.</source>
        <translation>Die Sicherung kann nicht nach %1 gelegt werden.</translation>
    </message>
    <message>
        <source>There is no file %1.</source>
        <translation>Es gibt keine Datei %1.</translation>
    </message>
    <message>
        <source>%1 is not a Switchboard database (not an SQLite file).</source>
        <translation>%1 ist keine Switchboard-Datenbank (keine SQLite-Datei).</translation>
    </message>
    <message>
        <source>%1 cannot be read: %2.</source>
        <translation>%1 kann nicht gelesen werden: %2.</translation>
    </message>
    <message>
        <source>%1 is an SQLite database, but not a Switchboard one.</source>
        <translation>%1 ist eine SQLite-Datenbank, aber keine von Switchboard.</translation>
    </message>
    <message>
        <source>%1 was made by a newer Switchboard (schema %2; this one knows up to %3).</source>
        <translation>%1 stammt von einem neueren Switchboard (Schema %2; dieses kennt bis %3).</translation>
    </message>
    <message>
        <source>%1 is damaged: SQLite&apos;s integrity check says &quot;%2&quot;.</source>
        <translation>%1 ist beschädigt: Die Integritätsprüfung von SQLite meldet „%2“.</translation>
    </message>
    <message>
        <source>Cannot make the folder %1 for the current database.</source>
        <translation>Der Ordner %1 für die bisherige Datenbank kann nicht angelegt werden.</translation>
    </message>
    <message>
        <source>Cannot move %1 aside; nothing was restored.</source>
        <translation>%1 kann nicht beiseitegelegt werden; es wurde nichts zurückgespielt.</translation>
    </message>
    <message>
        <source>Cannot put the restored database in place; the previous one is in %1.</source>
        <translation>Die zurückgespielte Datenbank kann nicht an ihren Platz gelegt werden; die bisherige liegt in %1.</translation>
    </message>
</context>
<context>
    <name>DialChain</name>
    <message>
        <source>no such staff member</source>
        <translation>kein solcher Mitarbeiter</translation>
    </message>
    <message>
        <source>not active</source>
        <translation>nicht aktiv</translation>
    </message>
    <message>
        <source>off schedule: there is no schedule &quot;%1&quot;</source>
        <translation>außerhalb des Zeitplans: Es gibt keinen Zeitplan „%1“</translation>
    </message>
    <message>
        <source>has no phone number</source>
        <translation>hat keine Telefonnummer</translation>
    </message>
    <message>
        <source>already rung in this call</source>
        <translation>in diesem Anruf bereits angerufen</translation>
    </message>
    <message>
        <source>on another call</source>
        <translation>in einem anderen Gespräch</translation>
    </message>
    <message>
        <source>the team rings only one person</source>
        <translation>das Team ruft nur eine Person an</translation>
    </message>
    <message>
        <source>the team rings at most %1 people</source>
        <translation>das Team ruft höchstens %1 Personen an</translation>
    </message>
    <message>
        <source>same phone number as %1</source>
        <translation>gleiche Telefonnummer wie %1</translation>
    </message>
</context>
<context>
    <name>DialChainResult</name>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Nobody in the team can be rung: it has no members.</source>
        <translation>Niemand im Team kann angerufen werden: Es hat keine Mitglieder.</translation>
    </message>
    <message>
        <source>Nobody in the team can be rung: %1.</source>
        <translation>Niemand im Team kann angerufen werden: %1.</translation>
    </message>
    <message>
        <source>%1 together</source>
        <translation>%1 gleichzeitig</translation>
    </message>
    <message>
        <source>%1, then %2</source>
        <translation>%1, dann %2</translation>
    </message>
    <message>
        <source>Ringing %1.</source>
        <translation>Klingelt bei %1.</translation>
    </message>
    <message>
        <source>Ringing %1; skipped %2.</source>
        <translation>Klingelt bei %1; übersprungen: %2.</translation>
    </message>
</context>
<context>
    <name>DoctorCommand</name>
    <message>
        <source>Router running</source>
        <translation>Router läuft</translation>
    </message>
    <message>
        <source>No Switchboard is routing calls from this data folder, so this computer answers no calls.</source>
        <translation>Kein Switchboard leitet Anrufe aus diesem Datenordner weiter, daher nimmt dieser Rechner keine Anrufe an.</translation>
    </message>
    <message>
        <source>Start the desktop app or `switchboard serve` (as a service: `systemctl enable --now switchboard`).</source>
        <translation>Starten Sie die Desktop-App oder `switchboard serve` (als Dienst: `systemctl enable --now switchboard`).</translation>
    </message>
    <message>
        <source>A Switchboard (process %1) routes calls from this data folder.</source>
        <translation>Ein Switchboard (Prozess %1) leitet Anrufe aus diesem Datenordner weiter.</translation>
    </message>
    <message>
        <source>Print the findings as JSON.</source>
        <translation>Die Befunde als JSON ausgeben.</translation>
    </message>
    <message>
        <source>Usage: switchboard doctor [--json]
Checks what Setup → Check setup checks: the Twilio account, that each routed number points here and
at the fallback for when this computer cannot answer, what that fallback does, that the public URL
is one Twilio can reach (not this computer&apos;s loopback, a private range or plain http; the port the
router listens on) and reaches this app, the Retell voice agent and the fallback number; and that a
router is running on this data folder. Each finding comes with what to do about it.
Exits 0 when every check passes, 1 otherwise.
  --json   {ok, checks: [{title, ok, detail, fix}]}
</source>
        <translation>Aufruf: switchboard doctor [--json]
Prüft, was Einrichtung → Einrichtung prüfen prüft: das Twilio-Konto, dass jede weitergeleitete Nummer
hierher zeigt und auf die Ersatzlösung für den Fall, dass dieser Rechner nicht antworten kann, was diese
Ersatzlösung tut, dass die öffentliche URL für Twilio erreichbar ist (nicht die Loopback-Adresse dieses
Rechners, kein privater Bereich, kein reines http; der Port, auf dem der Router lauscht) und diese App
erreicht, den Retell-Sprachagenten und die Ersatznummer; und dass ein Router für diesen Datenordner läuft.
Zu jedem Befund steht, was zu tun ist.
Beendet sich mit 0, wenn jede Prüfung besteht, sonst mit 1.
  --json   {ok, checks: [{title, ok, detail, fix}]}
</translation>
    </message>
</context>
<context>
    <name>FallbackFlow</name>
    <message>
        <source>Updated by Switchboard</source>
        <translation>Von Switchboard aktualisiert</translation>
    </message>
    <message>
        <source>takes a voicemail of up to %1 s</source>
        <translation>nimmt eine Sprachnachricht von bis zu %1 s auf</translation>
    </message>
    <message>
        <source>says &quot;%1&quot; and hangs up</source>
        <translation>sagt „%1“ und legt auf</translation>
    </message>
    <message>
        <source>rings %1 for %2 s; when nobody answers, %3</source>
        <translation>lässt %1 %2 s lang klingeln; nimmt niemand ab: %3</translation>
    </message>
</context>
<context>
    <name>FallbackPage</name>
    <message>
        <source>Who answers when nobody else can</source>
        <translation>Wer abnimmt, wenn sonst niemand kann</translation>
    </message>
    <message>
        <source>When the AI agent cannot take a call, or a caller has no booking and nobody else is set to ring, this phone rings, so no caller is ever turned away.</source>
        <translation>Wenn der KI-Agent einen Anruf nicht annehmen kann oder ein Anrufer keinen Termin hat und sonst niemand klingeln soll, klingelt dieses Telefon, damit kein Anrufer abgewiesen wird.</translation>
    </message>
    <message>
        <source>Fallback number</source>
        <translation>Ersatznummer</translation>
    </message>
    <message>
        <source>for example (555) 010-2030</source>
        <translation>zum Beispiel (555) 010-2030</translation>
    </message>
    <message>
        <source>The front desk&apos;s phone or a mobile: any number that can take a call.</source>
        <translation>Das Telefon am Empfang oder ein Handy: jede Nummer, die einen Anruf annehmen kann.</translation>
    </message>
    <message>
        <source>Country</source>
        <translation>Land</translation>
    </message>
    <message>
        <source>Two-letter country code (US, GB, DE…): numbers written without + are read as this country&apos;s.</source>
        <translation>Zweibuchstabiger Ländercode (US, GB, DE…): Nummern ohne + werden als Nummern dieses Landes gelesen.</translation>
    </message>
</context>
<context>
    <name>FeedAddress</name>
    <message>
        <source>The router&apos;s address is empty; give it as ws://HOST:PORT (for example ws://192.168.1.20:8081).</source>
        <translation>Die Adresse des Routers ist leer; geben Sie sie als ws://HOST:PORT an (zum Beispiel ws://192.168.1.20:8081).</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not an address of a router (for example ws://192.168.1.20:8081).</source>
        <translation>„%1“ ist keine Adresse eines Routers (zum Beispiel ws://192.168.1.20:8081).</translation>
    </message>
    <message>
        <source>&quot;%1&quot;: the address must start with ws://, wss://, http:// or https://.</source>
        <translation>„%1“: Die Adresse muss mit ws://, wss://, http:// oder https:// beginnen.</translation>
    </message>
    <message>
        <source>&quot;%1&quot;: give the address without a user name, &quot;?…&quot; or &quot;#…&quot;; the token is given on its own.</source>
        <translation>„%1“: Geben Sie die Adresse ohne Benutzernamen, „?…“ oder „#…“ an; das Token wird für sich angegeben.</translation>
    </message>
</context>
<context>
    <name>FeedApi</name>
    <message>
        <source>There is nothing at %1; the API has /api/calls, /api/calls/SID and /api/stats.</source>
        <translation>Unter %1 gibt es nichts; die API hat /api/calls, /api/calls/SID und /api/stats.</translation>
    </message>
    <message>
        <source>%1 is not allowed here: the API only reads (GET).</source>
        <translation>%1 ist hier nicht erlaubt: Die API liest nur (GET).</translation>
    </message>
    <message>
        <source>%1 is not a parameter of %2, which takes none.</source>
        <translation>%1 ist kein Parameter von %2, das keine annimmt.</translation>
    </message>
    <message>
        <source>%1 is not a parameter of %2, which takes %3.</source>
        <translation>%1 ist kein Parameter von %2, das %3 annimmt.</translation>
    </message>
    <message>
        <source>%1 is given more than once.</source>
        <translation>%1 ist mehr als einmal angegeben.</translation>
    </message>
    <message>
        <source>outcome: &quot;%1&quot; is not an outcome (ongoing, ai_agent, answered, voicemail, missed, blocked, failed).</source>
        <translation>outcome: „%1“ ist kein Ergebnis (ongoing, ai_agent, answered, voicemail, missed, blocked, failed).</translation>
    </message>
    <message>
        <source>limit must be a whole number from 1 to %1.</source>
        <translation>limit muss eine ganze Zahl von 1 bis %1 sein.</translation>
    </message>
    <message>
        <source>before: &quot;%1&quot; is not a Twilio call SID (CA followed by 32 hexadecimal digits).</source>
        <translation>before: „%1“ ist keine Twilio-Anruf-SID (CA gefolgt von 32 Hexadezimalziffern).</translation>
    </message>
    <message>
        <source>before: there is no call %1 (any more); read again from the first page.</source>
        <translation>before: Es gibt keinen Anruf %1 (mehr); lesen Sie erneut ab der ersten Seite.</translation>
    </message>
    <message>
        <source>The call SID &quot;%1&quot; is not CA followed by 32 hexadecimal digits.</source>
        <translation>Die Anruf-SID „%1“ ist nicht CA gefolgt von 32 Hexadezimalziffern.</translation>
    </message>
    <message>
        <source>No call with the id &quot;%1&quot;.</source>
        <translation>Kein Anruf mit der ID „%1“.</translation>
    </message>
</context>
<context>
    <name>FeedApiClient</name>
    <message>
        <source>what this seat may do</source>
        <translation>was dieser Platz tun darf</translation>
    </message>
    <message>
        <source>the call log</source>
        <translation>das Anrufprotokoll</translation>
    </message>
    <message>
        <source>The call log from %1 is not a list of calls.</source>
        <translation>Das Anrufprotokoll von %1 ist keine Liste von Anrufen.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a call&apos;s id.</source>
        <translation>„%1“ ist keine Anruf-ID.</translation>
    </message>
    <message>
        <source>the call %1</source>
        <translation>den Anruf %1</translation>
    </message>
    <message>
        <source>The call %1 from %2 cannot be read.</source>
        <translation>Der Anruf %1 von %2 kann nicht gelesen werden.</translation>
    </message>
    <message>
        <source>the statistics</source>
        <translation>die Statistik</translation>
    </message>
    <message>
        <source>The statistics from %1 cannot be read: %2</source>
        <translation>Die Statistik von %1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>Cannot read %1: no router to ask.</source>
        <translation>%1 kann nicht gelesen werden: kein Router, den man fragen kann.</translation>
    </message>
    <message numerus="yes">
        <source>%1 did not send %2 within %n s.</source>
        <translation>
            <numerusform>%1 hat %2 nicht innerhalb von %n s gesendet.</numerusform>
            <numerusform>%1 hat %2 nicht innerhalb von %n s gesendet.</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 sent more than %2 MiB for %3, so it was not read.</source>
        <translation>%1 hat für %3 mehr als %2 MiB gesendet, daher wurde es nicht gelesen.</translation>
    </message>
    <message>
        <source>Cannot read %1: the certificate of %2 is not trusted.</source>
        <translation>%1 kann nicht gelesen werden: dem Zertifikat von %2 wird nicht vertraut.</translation>
    </message>
    <message>
        <source>Cannot read %1: %2 cannot be reached (%3).</source>
        <translation>%1 kann nicht gelesen werden: %2 ist nicht erreichbar (%3).</translation>
    </message>
    <message>
        <source>The token was refused: ask for a new one.</source>
        <translation>Der Token wurde abgelehnt: Bitten Sie um einen neuen.</translation>
    </message>
    <message>
        <source>Cannot read %1: %2 answered HTTP %3.</source>
        <translation>%1 kann nicht gelesen werden: %2 antwortete mit HTTP %3.</translation>
    </message>
    <message>
        <source>Cannot read %1: %2 answered: %3.</source>
        <translation>%1 kann nicht gelesen werden: %2 antwortete: %3.</translation>
    </message>
    <message>
        <source>Cannot read %1: the connection to %2 broke (%3).</source>
        <translation>%1 kann nicht gelesen werden: die Verbindung zu %2 brach ab (%3).</translation>
    </message>
    <message>
        <source>Cannot read %1: %2 did not answer with the API&apos;s JSON; is it a Switchboard?</source>
        <translation>%1 kann nicht gelesen werden: %2 antwortete nicht mit dem JSON der API; ist es eine Switchboard?</translation>
    </message>
</context>
<context>
    <name>FeedClient</name>
    <message numerus="yes">
        <source>The router sent a message larger than %n MiB; the connection was closed.</source>
        <translation>
            <numerusform>Der Router hat eine Nachricht größer als %n MiB gesendet; die Verbindung wurde geschlossen.</numerusform>
            <numerusform>Der Router hat eine Nachricht größer als %n MiB gesendet; die Verbindung wurde geschlossen.</numerusform>
        </translation>
    </message>
    <message>
        <source>The router closed the connection.</source>
        <translation>Der Router hat die Verbindung geschlossen.</translation>
    </message>
    <message>
        <source>The router closed the connection: %1</source>
        <translation>Der Router hat die Verbindung geschlossen: %1</translation>
    </message>
    <message>
        <source>The connection was closed before the router answered; the command may or may not have been carried out.</source>
        <translation>Die Verbindung wurde geschlossen, bevor der Router antwortete; der Befehl wurde vielleicht ausgeführt, vielleicht nicht.</translation>
    </message>
    <message>
        <source>The token is empty.</source>
        <translation>Das Token ist leer.</translation>
    </message>
    <message>
        <source>The token has spaces or characters no token has; copy it again.</source>
        <translation>Das Token enthält Leerzeichen oder Zeichen, die kein Token hat; kopieren Sie es noch einmal.</translation>
    </message>
    <message>
        <source>The connection was renewed before the router answered; the command may or may not have been carried out.</source>
        <translation>Die Verbindung wurde erneuert, bevor der Router antwortete; der Befehl wurde vielleicht ausgeführt, vielleicht nicht.</translation>
    </message>
    <message>
        <source>Not connected.</source>
        <translation>Nicht verbunden.</translation>
    </message>
    <message>
        <source>Not connected: %1</source>
        <translation>Nicht verbunden: %1</translation>
    </message>
    <message>
        <source>Connecting to %1…</source>
        <translation>Verbindung mit %1 wird hergestellt…</translation>
    </message>
    <message>
        <source>Connected to %1.</source>
        <translation>Verbunden mit %1.</translation>
    </message>
    <message numerus="yes">
        <source>Cut off: %1 Next try in %n s.</source>
        <translation>
            <numerusform>Getrennt: %1 Nächster Versuch in %n s.</numerusform>
            <numerusform>Getrennt: %1 Nächster Versuch in %n s.</numerusform>
        </translation>
    </message>
    <message>
        <source>Not connected to the router; the command was not sent.</source>
        <translation>Nicht mit dem Router verbunden; der Befehl wurde nicht gesendet.</translation>
    </message>
    <message>
        <source>A command with the id &quot;%1&quot; is still waiting for its answer.</source>
        <translation>Ein Befehl mit der ID „%1“ wartet noch auf seine Antwort.</translation>
    </message>
    <message numerus="yes">
        <source>The router did not answer within %n s; the command may or may not have been carried out.</source>
        <translation>
            <numerusform>Der Router hat nicht innerhalb von %n s geantwortet; der Befehl wurde vielleicht ausgeführt, vielleicht nicht.</numerusform>
            <numerusform>Der Router hat nicht innerhalb von %n s geantwortet; der Befehl wurde vielleicht ausgeführt, vielleicht nicht.</numerusform>
        </translation>
    </message>
    <message>
        <source>The router sent a binary message; the feed&apos;s messages are text.</source>
        <translation>Der Router hat eine Binärnachricht gesendet; die Nachrichten der Übertragung sind Text.</translation>
    </message>
    <message>
        <source>A message from the router could not be read: %1</source>
        <translation>Eine Nachricht des Routers konnte nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>The router answered HTTP %1 instead of opening the feed.</source>
        <translation>Der Router hat mit HTTP %1 geantwortet, statt die Übertragung zu öffnen.</translation>
    </message>
    <message>
        <source>The router answered HTTP %1 (%2) instead of opening the feed.</source>
        <translation>Der Router hat mit HTTP %1 (%2) geantwortet, statt die Übertragung zu öffnen.</translation>
    </message>
    <message>
        <source>The router&apos;s certificate is not trusted (%1).</source>
        <translation>Dem Zertifikat des Routers wird nicht vertraut (%1).</translation>
    </message>
    <message>
        <source>The router&apos;s certificate is not trusted (%1). Its SHA-256 fingerprint is %2: if it is the one the router shows, pin it.</source>
        <translation>Dem Zertifikat des Routers wird nicht vertraut (%1). Sein SHA-256-Fingerabdruck ist %2: Wenn es der ist, den der Router anzeigt, hinterlegen Sie ihn.</translation>
    </message>
    <message>
        <source>The router&apos;s certificate is not the pinned one (%1). Its SHA-256 fingerprint is %2.</source>
        <translation>Das Zertifikat des Routers ist nicht das hinterlegte (%1). Sein SHA-256-Fingerabdruck ist %2.</translation>
    </message>
    <message numerus="yes">
        <source>The router did not answer within %n s.</source>
        <translation>
            <numerusform>Der Router hat nicht innerhalb von %n s geantwortet.</numerusform>
            <numerusform>Der Router hat nicht innerhalb von %n s geantwortet.</numerusform>
        </translation>
    </message>
    <message>
        <source>The router stopped answering.</source>
        <translation>Der Router antwortet nicht mehr.</translation>
    </message>
    <message>
        <source>The connection was cut before the router answered; the command may or may not have been carried out.</source>
        <translation>Die Verbindung brach ab, bevor der Router antwortete; der Befehl wurde vielleicht ausgeführt, vielleicht nicht.</translation>
    </message>
    <message>
        <source>The token was refused; the command was not carried out.</source>
        <translation>Das Token wurde abgewiesen; der Befehl wurde nicht ausgeführt.</translation>
    </message>
    <message>
        <source>The token was refused.</source>
        <translation>Das Token wurde abgewiesen.</translation>
    </message>
</context>
<context>
    <name>FeedListener</name>
    <message>
        <source>The request&apos;s head is larger than %1 bytes.</source>
        <translation>Der Kopf der Anfrage ist größer als %1 Bytes.</translation>
    </message>
    <message>
        <source>That is not an HTTP request.</source>
        <translation>Das ist keine HTTP-Anfrage.</translation>
    </message>
    <message>
        <source>There is nothing at %1; the live feed is at /feed and the API under /api/.</source>
        <translation>Unter %1 gibt es nichts; die Live-Übertragung ist unter /feed, die API unter /api/.</translation>
    </message>
    <message>
        <source>A token is needed: send &quot;Authorization: Bearer TOKEN&quot;.</source>
        <translation>Ein Token wird benötigt: Senden Sie „Authorization: Bearer TOKEN“.</translation>
    </message>
    <message>
        <source>The token was refused.</source>
        <translation>Das Token wurde abgewiesen.</translation>
    </message>
    <message>
        <source>Only GET is answered here.</source>
        <translation>Hier wird nur GET beantwortet.</translation>
    </message>
    <message>
        <source>This Switchboard has no API.</source>
        <translation>Dieses Switchboard hat keine API.</translation>
    </message>
    <message>
        <source>The live feed is a WebSocket: ask for &quot;Upgrade: websocket&quot;.</source>
        <translation>Die Live-Übertragung ist ein WebSocket: Fragen Sie nach „Upgrade: websocket“.</translation>
    </message>
    <message>
        <source>since must be the seq of the last message received.</source>
        <translation>since muss die seq der zuletzt erhaltenen Nachricht sein.</translation>
    </message>
    <message>
        <source>The live feed cannot use TLS: this computer&apos;s Qt has no TLS support.</source>
        <translation>Die Live-Übertragung kann kein TLS verwenden: Das Qt dieses Computers unterstützt kein TLS.</translation>
    </message>
    <message>
        <source>feed.tls_cert: &quot;%1&quot; cannot be read as a PEM certificate.</source>
        <translation>feed.tls_cert: „%1“ kann nicht als PEM-Zertifikat gelesen werden.</translation>
    </message>
    <message>
        <source>feed.tls_key: cannot read &quot;%1&quot;: %2.</source>
        <translation>feed.tls_key: „%1“ kann nicht gelesen werden: %2.</translation>
    </message>
    <message>
        <source>feed.tls_key: &quot;%1&quot; holds no RSA or EC private key that can be read (a key protected by a pass phrase cannot be used).</source>
        <translation>feed.tls_key: „%1“ enthält keinen lesbaren RSA- oder EC-Schlüssel (ein mit Passphrase geschützter Schlüssel kann nicht verwendet werden).</translation>
    </message>
</context>
<context>
    <name>FeedMessageReasons</name>
    <message>
        <source>&quot;to&quot; must be {&quot;staff&quot;: ID}, {&quot;team&quot;: ID} or {&quot;number&quot;: E164}</source>
        <translation>„to“ muss {&quot;staff&quot;: ID}, {&quot;team&quot;: ID} oder {&quot;number&quot;: E164} sein</translation>
    </message>
    <message>
        <source>&quot;to&quot;: &quot;%1&quot; is not an E.164 number (+ and up to 15 digits)</source>
        <translation>„to“: „%1“ ist keine E.164-Nummer (+ und bis zu 15 Ziffern)</translation>
    </message>
    <message>
        <source>a command needs an &quot;id&quot;</source>
        <translation>ein Befehl braucht eine „id“</translation>
    </message>
    <message>
        <source>&quot;action&quot; must be hangup, voicemail, transfer or call_back</source>
        <translation>„action“ muss hangup, voicemail, transfer oder call_back sein</translation>
    </message>
    <message>
        <source>a command needs the &quot;call_sid&quot; of its call</source>
        <translation>ein Befehl braucht die „call_sid“ seines Anrufs</translation>
    </message>
    <message>
        <source>a transfer needs &quot;to&quot;</source>
        <translation>eine Weiterleitung braucht „to“</translation>
    </message>
    <message>
        <source>not JSON: %1</source>
        <translation>kein JSON: %1</translation>
    </message>
    <message>
        <source>not a JSON object</source>
        <translation>kein JSON-Objekt</translation>
    </message>
    <message>
        <source>unknown &quot;type&quot; &quot;%1&quot;</source>
        <translation>unbekannter „type“ „%1“</translation>
    </message>
    <message>
        <source>&quot;v&quot; must be %1</source>
        <translation>„v“ muss %1 sein</translation>
    </message>
    <message>
        <source>&quot;seq&quot; must be a whole number of 0 or more</source>
        <translation>„seq“ muss eine ganze Zahl ab 0 sein</translation>
    </message>
    <message>
        <source>a snapshot needs &quot;calls&quot;, a list</source>
        <translation>ein Snapshot braucht „calls“, eine Liste</translation>
    </message>
    <message>
        <source>a call of the snapshot has no &quot;call_sid&quot;</source>
        <translation>ein Anruf des Snapshots hat keine „call_sid“</translation>
    </message>
    <message>
        <source>&quot;session&quot; has no &quot;call_sid&quot;</source>
        <translation>„session“ hat keine „call_sid“</translation>
    </message>
    <message>
        <source>an event needs &quot;call_sid&quot; and an &quot;event&quot; with &quot;at&quot; and &quot;step&quot;</source>
        <translation>ein Ereignis braucht „call_sid“ und ein „event“ mit „at“ und „step“</translation>
    </message>
    <message>
        <source>a result needs &quot;ok&quot;, true or false</source>
        <translation>ein Ergebnis braucht „ok“, true oder false</translation>
    </message>
    <message>
        <source>&quot;number&quot;: &quot;%1&quot; is not an E.164 number (+ and up to 15 digits)</source>
        <translation>„number“: „%1“ ist keine E.164-Nummer (+ und bis zu 15 Ziffern)</translation>
    </message>
    <message>
        <source>a call-back needs either the &quot;call_sid&quot; of the call to return or the &quot;number&quot; to call</source>
        <translation>ein Rückruf braucht entweder die „call_sid“ des zurückzurufenden Anrufs oder die anzurufende „number“</translation>
    </message>
    <message>
        <source>a call-back needs &quot;to&quot;: whose phone rings first</source>
        <translation>ein Rückruf braucht „to“: welches Telefon zuerst klingelt</translation>
    </message>
    <message>
        <source>a call-back rings one phone first: &quot;to&quot; must be {&quot;staff&quot;: ID} or {&quot;number&quot;: E164}</source>
        <translation>ein Rückruf lässt ein Telefon zuerst klingeln: „to“ muss {&quot;staff&quot;: ID} oder {&quot;number&quot;: E164} sein</translation>
    </message>
</context>
<context>
    <name>FeedServer</name>
    <message>
        <source>The router is stopping.</source>
        <translation>Der Router wird beendet.</translation>
    </message>
    <message>
        <source>The live feed cannot listen on %1:%2: %3.</source>
        <translation>Die Live-Übertragung kann nicht auf %1:%2 lauschen: %3.</translation>
    </message>
    <message>
        <source>Only JSON text messages are read.</source>
        <translation>Es werden nur JSON-Textnachrichten gelesen.</translation>
    </message>
    <message>
        <source>Too slow: messages after %1 were not sent. Reconnect with since=%1.</source>
        <translation>Zu langsam: Nachrichten nach %1 wurden nicht gesendet. Neu verbinden mit since=%1.</translation>
    </message>
    <message>
        <source>Only commands are read here.</source>
        <translation>Hier werden nur Befehle gelesen.</translation>
    </message>
    <message>
        <source>The message was not understood: %1.</source>
        <translation>Die Nachricht wurde nicht verstanden: %1.</translation>
    </message>
    <message>
        <source>This seat may only watch: its token does not allow acting on calls.</source>
        <translation>Dieser Platz darf nur zusehen: Sein Token erlaubt keine Eingriffe in Anrufe.</translation>
    </message>
    <message>
        <source>This Switchboard does not take commands.</source>
        <translation>Dieses Switchboard nimmt keine Befehle an.</translation>
    </message>
    <message>
        <source>Too many commands at once; wait for their results.</source>
        <translation>Zu viele Befehle auf einmal; warten Sie auf ihre Ergebnisse.</translation>
    </message>
    <message>
        <source>The token was changed; connect with the new one.</source>
        <translation>Das Token wurde geändert; verbinden Sie sich mit dem neuen.</translation>
    </message>
</context>
<context>
    <name>GuiCommand</name>
    <message>
        <source>Cannot prepare the sample data: %1</source>
        <translation>Die Beispieldaten können nicht vorbereitet werden: %1</translation>
    </message>
    <message>
        <source>Cannot create %1.</source>
        <translation>%1 kann nicht angelegt werden.</translation>
    </message>
    <message>
        <source>Cannot write %1.</source>
        <translation>%1 kann nicht geschrieben werden.</translation>
    </message>
    <message>
        <source>Render every panel with sample data into DIR and exit.</source>
        <translation>Jeden Bereich mit Beispieldaten nach DIR rendern und beenden.</translation>
    </message>
    <message>
        <source>The desktop app needs a display.</source>
        <translation>Die Desktop-App braucht einen Bildschirm.</translation>
    </message>
    <message>
        <source>Switchboard is already open for this data folder; brought it to the front.</source>
        <translation>Switchboard ist für diesen Datenordner bereits geöffnet und wurde in den Vordergrund geholt.</translation>
    </message>
    <message>
        <source>Start in the system tray without opening the window (as at login); without a tray the window opens anyway.</source>
        <translation>Im Infobereich starten, ohne das Fenster zu öffnen (wie bei der Anmeldung); ohne Infobereich öffnet sich das Fenster trotzdem.</translation>
    </message>
    <message>
        <source>One log line per webhook answered, besides the usual ones.</source>
        <translation>Eine Protokollzeile je beantwortetem Webhook, zusätzlich zu den üblichen.</translation>
    </message>
    <message>
        <source>Usage: switchboard [gui] [--hidden] [--dark] [--screenshot DIR] [--verbose]
Opens the desktop app; the call router runs inside it for as long as it runs. What it
does is also written to logs/switchboard.log in the data folder (--verbose: a line for
every webhook answered).
</source>
        <translation>Aufruf: switchboard [gui] [--hidden] [--dark] [--screenshot DIR] [--verbose]
Öffnet die Desktop-App; der Anruf-Router läuft darin, solange sie läuft. Was er tut, wird auch in
logs/switchboard.log im Datenordner geschrieben (--verbose: eine Zeile je beantwortetem Webhook).
</translation>
    </message>
    <message>
        <source>Dark colours, whatever the desktop&apos;s theme (with --screenshot too).</source>
        <translation>Dunkle Farben, unabhängig vom Design des Desktops (auch mit --screenshot).</translation>
    </message>
</context>
<context>
    <name>HttpClient</name>
    <message>
        <source>the address is not an http or https URL</source>
        <translation>die Adresse ist keine http- oder https-URL</translation>
    </message>
    <message>
        <source>a request header cannot be sent as it is</source>
        <translation>ein Kopfzeilenfeld der Anfrage kann so nicht gesendet werden</translation>
    </message>
</context>
<context>
    <name>HttpConnection</name>
    <message>
        <source>the connection was closed in the middle of the answer</source>
        <translation>die Verbindung wurde mitten in der Antwort geschlossen</translation>
    </message>
</context>
<context>
    <name>ImportCommand</name>
    <message>
        <source>Nothing was imported from %1: the database refused the changes.</source>
        <translation>Aus %1 wurde nichts importiert: Die Datenbank hat die Änderungen abgelehnt.</translation>
    </message>
    <message>
        <source>Imported customers from %1: %2 new, %3 updated</source>
        <translation>Kunden aus %1 importiert: %2 neu, %3 aktualisiert</translation>
    </message>
    <message>
        <source>Imported bookings from %1: %2 new, %3 updated</source>
        <translation>Termine aus %1 importiert: %2 neu, %3 aktualisiert</translation>
    </message>
    <message numerus="yes">
        <source>Nothing was imported from %1: %n bad row(s). Fix them, or import the good rows with --skip-invalid.</source>
        <translation>
            <numerusform>Aus %1 wurde nichts importiert: %n fehlerhafte Zeile. Korrigieren Sie sie oder importieren Sie die guten Zeilen mit --skip-invalid.</numerusform>
            <numerusform>Aus %1 wurde nichts importiert: %n fehlerhafte Zeilen. Korrigieren Sie sie oder importieren Sie die guten Zeilen mit --skip-invalid.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, %n customer(s) created from booking phone numbers</source>
        <translation>
            <numerusform>, %n Kunde aus den Telefonnummern der Termine angelegt</numerusform>
            <numerusform>, %n Kunden aus den Telefonnummern der Termine angelegt</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, %n bad row(s) skipped</source>
        <translation>
            <numerusform>, %n fehlerhafte Zeile übersprungen</numerusform>
            <numerusform>, %n fehlerhafte Zeilen übersprungen</numerusform>
        </translation>
    </message>
    <message>
        <source>Usage: switchboard import customers FILE.csv [--skip-invalid]
       switchboard import bookings FILE.csv [--skip-invalid]
customers columns: customer_id,name,phone,email,notes[,assigned_staff]
bookings columns:  booking_id,customer_id,customer_name,phone,starts_at,ends_at,status,service,staff
Columns may be separated by commas or semicolons. Rows are checked as the Add
dialog checks them (a name, a phone number, an email address, a staff member of the
routing plan). A file with any bad row imports nothing and lists every bad row;
--skip-invalid imports the good rows. Re-importing updates rows with the same id.
Customers sharing a phone number are listed as warnings.
</source>
        <translation>Aufruf: switchboard import customers DATEI.csv [--skip-invalid]
        switchboard import bookings DATEI.csv [--skip-invalid]
Spalten für customers: customer_id,name,phone,email,notes[,assigned_staff]
Spalten für bookings:  booking_id,customer_id,customer_name,phone,starts_at,ends_at,status,service,staff
Die Spalten können durch Kommas oder Semikolons getrennt sein. Zeilen werden so
geprüft wie im Dialog „Kunde hinzufügen“ (ein Name, eine Telefonnummer, eine
E-Mail-Adresse, ein Mitarbeiter des Weiterleitungsplans). Eine Datei mit einer
fehlerhaften Zeile importiert nichts und listet alle fehlerhaften Zeilen auf;
--skip-invalid importiert die fehlerfreien Zeilen. Erneutes Importieren aktualisiert
Zeilen mit derselben ID. Kunden mit gemeinsamer Telefonnummer werden als Warnungen
aufgeführt.
</translation>
    </message>
    <message>
        <source>warning: %1</source>
        <translation>Warnung: %1</translation>
    </message>
</context>
<context>
    <name>KeychainEntry</name>
    <message>
        <source>the system keychain did not answer within %1 seconds</source>
        <translation>der System-Schlüsselbund hat nicht innerhalb von %1 Sekunden geantwortet</translation>
    </message>
    <message>
        <source>the system keychain has no entry &quot;%1&quot; for service &quot;%2&quot;</source>
        <translation>der System-Schlüsselbund hat keinen Eintrag „%1“ für den Dienst „%2“</translation>
    </message>
    <message>
        <source>the system keychain reported: %1</source>
        <translation>der System-Schlüsselbund meldete: %1</translation>
    </message>
    <message>
        <source>no answer within %1 seconds</source>
        <translation>keine Antwort innerhalb von %1 Sekunden</translation>
    </message>
    <message>
        <source>the system keychain could not store the entry &quot;%1&quot; (%2)</source>
        <translation>der System-Schlüsselbund konnte den Eintrag „%1“ nicht speichern (%2)</translation>
    </message>
</context>
<context>
    <name>LiveCallControl</name>
    <message>
        <source>A seat</source>
        <translation>Ein Platz</translation>
    </message>
    <message>
        <source>There is no call %1 in progress here.</source>
        <translation>Hier läuft kein Anruf %1.</translation>
    </message>
    <message>
        <source>The call has already ended.</source>
        <translation>Der Anruf ist bereits beendet.</translation>
    </message>
    <message>
        <source>This Switchboard cannot do that from a seat yet; only hanging up is possible.</source>
        <translation>Das kann dieses Switchboard von einem Platz aus noch nicht; möglich ist nur das Auflegen.</translation>
    </message>
    <message>
        <source>Twilio&apos;s account SID and auth token are not set up, so calls cannot be hung up from here.</source>
        <translation>Account-SID und Auth-Token von Twilio sind nicht eingerichtet, daher können Anrufe von hier nicht beendet werden.</translation>
    </message>
    <message>
        <source>%1 hung up the call.</source>
        <translation>%1 hat den Anruf beendet.</translation>
    </message>
    <message>
        <source>%1 asked to hang up; Twilio said: %2</source>
        <translation>%1 wollte auflegen; Twilio sagte: %2</translation>
    </message>
    <message>
        <source>A call-back cannot be moved; hang it up, or call back again.</source>
        <translation>Ein Rückruf kann nicht verschoben werden; legen Sie auf oder rufen Sie erneut zurück.</translation>
    </message>
    <message>
        <source>Say whom to transfer the call to: a staff member, a team or a number.</source>
        <translation>Sagen Sie, an wen der Anruf weitergeleitet wird: einen Mitarbeiter, ein Team oder eine Nummer.</translation>
    </message>
    <message>
        <source>%1 is not a phone number.</source>
        <translation>%1 ist keine Telefonnummer.</translation>
    </message>
    <message>
        <source>Twilio&apos;s account SID and auth token are not set up, so calls cannot be moved from here.</source>
        <translation>Konto-SID und Auth-Token von Twilio sind nicht eingerichtet, daher können Anrufe von hier nicht verschoben werden.</translation>
    </message>
    <message>
        <source>server.public_url is not set, so Twilio could not fetch where the call goes next.</source>
        <translation>server.public_url ist nicht gesetzt, daher könnte Twilio nicht abrufen, wohin der Anruf als Nächstes geht.</translation>
    </message>
    <message>
        <source>%1 sent the call to voicemail.</source>
        <translation>%1 hat den Anruf an die Mailbox gegeben.</translation>
    </message>
    <message>
        <source>%1 transferred the call to %2.</source>
        <translation>%1 hat den Anruf an %2 weitergeleitet.</translation>
    </message>
    <message>
        <source>%1 asked to send the call to voicemail; Twilio said: %2</source>
        <translation>%1 wollte den Anruf an die Mailbox geben; Twilio sagte: %2</translation>
    </message>
    <message>
        <source>%1 asked to transfer the call to %2; Twilio said: %3</source>
        <translation>%1 wollte den Anruf an %2 weiterleiten; Twilio sagte: %3</translation>
    </message>
</context>
<context>
    <name>LiveCallsModel</name>
    <message>
        <source>Withheld number</source>
        <translation>Unterdrückte Nummer</translation>
    </message>
    <message>
        <source>Finished</source>
        <translation>Beendet</translation>
    </message>
    <message>
        <source>Caller</source>
        <translation>Anrufer</translation>
    </message>
    <message>
        <source>Number called</source>
        <translation>Angerufene Nummer</translation>
    </message>
    <message>
        <source>Now</source>
        <translation>Jetzt</translation>
    </message>
    <message>
        <source>In this step</source>
        <translation>In diesem Schritt</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Gesamt</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <comment>customer name · phone number</comment>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>%1, booking %2</source>
        <translation>%1, Termin %2</translation>
    </message>
    <message>
        <source>Call-back to %1</source>
        <translation>Rückruf an %1</translation>
    </message>
</context>
<context>
    <name>LiveFeedBox</name>
    <message>
        <source>Copy</source>
        <translation>Kopieren</translation>
    </message>
    <message>
        <source>Copied</source>
        <translation>Kopiert</translation>
    </message>
    <message>
        <source>Other seats: the live calls on other computers</source>
        <translation>Weitere Plätze: die laufenden Anrufe an anderen Computern</translation>
    </message>
    <message>
        <source>Staff at other desks, and the owner at home, see the live calls, call logs and statistics with &quot;Connect to another Switchboard&quot; in their own Switchboard, or in a terminal with switchboard monitor.</source>
        <translation>Mitarbeitende an anderen Plätzen und die Praxisinhaberin zu Hause sehen die laufenden Anrufe, Anrufprotokolle und Statistiken mit „Mit einem anderen Switchboard verbinden“ im eigenen Switchboard oder im Terminal mit switchboard monitor.</translation>
    </message>
    <message>
        <source>Listen on</source>
        <translation>Lauschen auf</translation>
    </message>
    <message>
        <source>127.0.0.1:8081 lets in only this computer; 0.0.0.0:8081 lets in the practice&apos;s other computers.</source>
        <translation>127.0.0.1:8081 lässt nur diesen Computer zu; 0.0.0.0:8081 lässt die anderen Computer der Praxis zu.</translation>
    </message>
    <message>
        <source>Copy the seat address</source>
        <translation>Die Platzadresse kopieren</translation>
    </message>
    <message>
        <source>Seat address</source>
        <translation>Platzadresse</translation>
    </message>
    <message>
        <source>Token to watch</source>
        <translation>Token zum Zusehen</translation>
    </message>
    <message>
        <source>Sees the live calls, call logs and statistics.</source>
        <translation>Sieht die laufenden Anrufe, Anrufprotokolle und Statistiken.</translation>
    </message>
    <message>
        <source>Token to act</source>
        <translation>Token zum Eingreifen</translation>
    </message>
    <message>
        <source>Also hangs up, sends to voicemail, transfers and calls back. Give it only to people who may.</source>
        <translation>Kann außerdem auflegen, zur Mailbox schicken, weiterleiten und zurückrufen. Geben Sie es nur Personen, die das dürfen.</translation>
    </message>
    <message>
        <source>TLS certificate</source>
        <translation>TLS-Zertifikat</translation>
    </message>
    <message>
        <source>optional: a PEM file</source>
        <translation>optional: eine PEM-Datei</translation>
    </message>
    <message>
        <source>With a certificate and its key, seats connect with wss:// and nobody on the network can read along.</source>
        <translation>Mit einem Zertifikat und seinem Schlüssel verbinden sich Plätze mit wss://, und niemand im Netzwerk kann mitlesen.</translation>
    </message>
    <message>
        <source>TLS key</source>
        <translation>TLS-Schlüssel</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>Anzeigen</translation>
    </message>
    <message>
        <source>Show the %1</source>
        <translation>%1 anzeigen</translation>
    </message>
    <message>
        <source>Hide</source>
        <translation>Verbergen</translation>
    </message>
    <message>
        <source>New token</source>
        <translation>Neues Token</translation>
    </message>
    <message>
        <source>Makes a new token: seats using this one are cut off at once and need the new one.</source>
        <translation>Erzeugt ein neues Token: Plätze mit diesem werden sofort getrennt und brauchen das neue.</translation>
    </message>
    <message>
        <source>Copy the %1</source>
        <translation>%1 kopieren</translation>
    </message>
    <message>
        <source>Only this computer can connect now.</source>
        <translation>Im Moment kann sich nur dieser Computer verbinden.</translation>
    </message>
    <message>
        <source>The practice&apos;s other computers connect to this address; keep the port closed to the internet unless the feed uses TLS.</source>
        <translation>Die anderen Computer der Praxis verbinden sich mit dieser Adresse; halten Sie den Port zum Internet hin geschlossen, außer die Übertragung nutzt TLS.</translation>
    </message>
    <message>
        <source>Make a new token?</source>
        <translation>Neues Token erzeugen?</translation>
    </message>
    <message>
        <source>Seats that use the current token are cut off at once and need the new one to connect again.</source>
        <translation>Plätze, die das jetzige Token benutzen, werden sofort getrennt und brauchen das neue, um sich wieder zu verbinden.</translation>
    </message>
</context>
<context>
    <name>LiveMonitorPanel</name>
    <message>
        <source>No calls right now. New calls appear here as they come in.</source>
        <translation>Gerade keine Anrufe. Neue Anrufe erscheinen hier, sobald sie eingehen.</translation>
    </message>
    <message>
        <source>Live calls</source>
        <translation>Aktuelle Anrufe</translation>
    </message>
    <message numerus="yes">
        <source>%n call(s) in progress.</source>
        <translation>
            <numerusform>%n Anruf läuft.</numerusform>
            <numerusform>%n Anrufe laufen.</numerusform>
        </translation>
    </message>
    <message>
        <source>Hang up</source>
        <translation>Auflegen</translation>
    </message>
    <message>
        <source>Ends the selected call for the caller and whoever they are talking with.</source>
        <translation>Beendet den ausgewählten Anruf für den Anrufer und die Person, mit der er spricht.</translation>
    </message>
    <message>
        <source>Hang up?</source>
        <translation>Auflegen?</translation>
    </message>
    <message>
        <source>End the call from %1 now?</source>
        <translation>Den Anruf von %1 jetzt beenden?</translation>
    </message>
    <message>
        <source>Could not hang up: %1</source>
        <translation>Auflegen nicht möglich: %1</translation>
    </message>
    <message>
        <source>Voicemail</source>
        <translation>Mailbox</translation>
    </message>
    <message>
        <source>Transfer</source>
        <translation>Weiterleiten</translation>
    </message>
    <message>
        <source>Asks the caller of the selected call to leave a message.</source>
        <translation>Bittet den Anrufer des gewählten Anrufs, eine Nachricht zu hinterlassen.</translation>
    </message>
    <message>
        <source>Rings someone else for the selected call; if nobody answers, the caller still reaches the fallback number or voicemail.</source>
        <translation>Lässt für den gewählten Anruf jemand anderen klingeln; nimmt niemand ab, erreicht der Anrufer trotzdem die Ausweichnummer oder die Mailbox.</translation>
    </message>
    <message>
        <source>Staff</source>
        <translation>Personal</translation>
    </message>
    <message>
        <source>Teams</source>
        <translation>Teams</translation>
    </message>
    <message>
        <source>Another number…</source>
        <translation>Eine andere Nummer…</translation>
    </message>
    <message>
        <source>Send to voicemail?</source>
        <translation>An die Mailbox geben?</translation>
    </message>
    <message>
        <source>Ask %1 to leave a message? Whoever is talking with them now is cut off.</source>
        <translation>%1 bitten, eine Nachricht zu hinterlassen? Wer gerade mit ihm spricht, wird getrennt.</translation>
    </message>
    <message>
        <source>%1 is not a phone number.</source>
        <translation>%1 ist keine Telefonnummer.</translation>
    </message>
    <message>
        <source>Transfer to a number</source>
        <translation>An eine Nummer weiterleiten</translation>
    </message>
    <message>
        <source>The number to ring for this call (another office, a mobile):</source>
        <translation>Die Nummer, die für diesen Anruf klingeln soll (ein anderes Büro, ein Handy):</translation>
    </message>
    <message>
        <source>Could not send the call to voicemail: %1</source>
        <translation>Der Anruf konnte nicht an die Mailbox gegeben werden: %1</translation>
    </message>
    <message>
        <source>Could not transfer the call: %1</source>
        <translation>Der Anruf konnte nicht weitergeleitet werden: %1</translation>
    </message>
    <message>
        <source>Could not call back: %1</source>
        <translation>Rückruf nicht möglich: %1</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Switchboard</source>
        <translation>Switchboard</translation>
    </message>
    <message>
        <source>Panels</source>
        <translation>Bereiche</translation>
    </message>
    <message>
        <source>Live calls</source>
        <translation>Aktuelle Anrufe</translation>
    </message>
    <message>
        <source>Setup</source>
        <translation>Einrichtung</translation>
    </message>
    <message>
        <source>Customers &amp; bookings</source>
        <translation>Kunden &amp; Termine</translation>
    </message>
    <message>
        <source>Call logs</source>
        <translation>Anrufprotokoll</translation>
    </message>
    <message>
        <source>Statistics</source>
        <translation>Statistik</translation>
    </message>
    <message>
        <source>Pause routing</source>
        <translation>Weiterleitung pausieren</translation>
    </message>
    <message>
        <source>Routing</source>
        <translation>Weiterleitung</translation>
    </message>
    <message>
        <source>Open Switchboard</source>
        <translation>Switchboard öffnen</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Beenden</translation>
    </message>
    <message>
        <source>&amp;Switchboard</source>
        <translation>&amp;Switchboard</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>S&amp;prache</translation>
    </message>
    <message>
        <source>As the system</source>
        <translation>Wie das System</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Sprache</translation>
    </message>
    <message>
        <source>The new language applies the next time Switchboard starts.</source>
        <translation>Die neue Sprache gilt ab dem nächsten Start von Switchboard.</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>● Router listening on %1:%2</source>
        <translation>● Router empfangsbereit auf %1:%2</translation>
    </message>
    <message>
        <source>● Router not running: %1</source>
        <translation>● Router läuft nicht: %1</translation>
    </message>
    <message>
        <source>● Router starting…</source>
        <translation>● Router startet…</translation>
    </message>
    <message>
        <source>Webhook URL: %1</source>
        <translation>Webhook-URL: %1</translation>
    </message>
    <message>
        <source>Routing on</source>
        <translation>Weiterleitung aktiv</translation>
    </message>
    <message>
        <source>Routing paused</source>
        <translation>Weiterleitung pausiert</translation>
    </message>
    <message>
        <source>Quit Switchboard</source>
        <translation>Switchboard beenden</translation>
    </message>
    <message>
        <source>&amp;Notify of new calls</source>
        <translation>Bei neuen Anrufen &amp;benachrichtigen</translation>
    </message>
    <message>
        <source>New call</source>
        <translation>Neuer Anruf</translation>
    </message>
    <message>
        <source>A withheld number is calling.</source>
        <translation>Eine unterdrückte Nummer ruft an.</translation>
    </message>
    <message>
        <source>%1 is calling.</source>
        <translation>%1 ruft an.</translation>
    </message>
    <message>
        <source>Staff &amp; schedules</source>
        <translation>Mitarbeiter &amp; Zeitpläne</translation>
    </message>
    <message>
        <source>The routing plan has changes that are not saved. Save them before quitting?</source>
        <translation>Der Weiterleitungsplan hat ungespeicherte Änderungen. Möchten Sie sie vor dem Beenden speichern?</translation>
    </message>
    <message>
        <source>The plan cannot be saved yet: %1 The problems are marked in red in the Routing and Staff &amp; schedules panels.</source>
        <translation>Der Plan kann noch nicht gespeichert werden: %1 Die Probleme sind in den Bereichen „Weiterleitung“ und „Mitarbeiter &amp; Zeitpläne“ rot markiert.</translation>
    </message>
    <message numerus="yes">
        <source>%n problem(s) to fix.</source>
        <translation>
            <numerusform>%n Problem muss behoben werden.</numerusform>
            <numerusform>%n Probleme müssen behoben werden.</numerusform>
        </translation>
    </message>
    <message>
        <source>⚠ %1</source>
        <translation>⚠ %1</translation>
    </message>
    <message numerus="yes">
        <source>%n call(s) are in progress.</source>
        <translation>
            <numerusform>%n Anruf läuft gerade.</numerusform>
            <numerusform>%n Anrufe laufen gerade.</numerusform>
        </translation>
    </message>
    <message>
        <source>Switchboard can quit once they have ended, answering calls until then. If it quits now, calls already connected go on, but nobody answers their next steps or new calls here.</source>
        <translation>Switchboard kann sich beenden, sobald sie vorbei sind, und nimmt bis dahin Anrufe an. Beendet es sich jetzt, laufen verbundene Anrufe weiter, aber ihre nächsten Schritte und neue Anrufe nimmt hier niemand an.</translation>
    </message>
    <message>
        <source>Quit when they have ended</source>
        <translation>Beenden, wenn sie vorbei sind</translation>
    </message>
    <message>
        <source>Quit now</source>
        <translation>Jetzt beenden</translation>
    </message>
    <message>
        <source>Close Switchboard</source>
        <translation>Switchboard schließen</translation>
    </message>
    <message>
        <source>Switchboard answers your calls only while it runs. Keep answering them with the window closed?</source>
        <translation>Switchboard nimmt Ihre Anrufe nur an, solange es läuft. Bei geschlossenem Fenster weiter Anrufe annehmen?</translation>
    </message>
    <message>
        <source>To see the window again, open Switchboard again from the applications menu.</source>
        <translation>Um das Fenster wieder zu sehen, öffnen Sie Switchboard erneut über das Anwendungsmenü.</translation>
    </message>
    <message>
        <source>Keep answering calls</source>
        <translation>Weiter Anrufe annehmen</translation>
    </message>
    <message>
        <source>● Router still listening on %1:%2: %3</source>
        <translation>● Router lauscht weiter auf %1:%2: %3</translation>
    </message>
    <message>
        <source>Webhook URL: none yet. Enter this computer&apos;s public address in Setup so that Twilio can reach it</source>
        <translation>Webhook-URL: noch keine. Tragen Sie unter „Einrichtung“ die öffentliche Adresse dieses Rechners ein, damit Twilio ihn erreicht</translation>
    </message>
    <message>
        <source>Set-up &amp;assistant…</source>
        <translation>Einrichtungs&amp;assistent…</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>Set-up &amp;guide</source>
        <translation>Einrichtungs&amp;anleitung</translation>
    </message>
    <message>
        <source>&amp;About Switchboard</source>
        <translation>Über &amp;Switchboard</translation>
    </message>
    <message>
        <source>The front desk (%1)</source>
        <translation>Der Empfang (%1)</translation>
    </message>
    <message>
        <source>Ringing your phone…</source>
        <translation>Ihr Telefon klingelt…</translation>
    </message>
    <message>
        <source>The call-back did not start: %1</source>
        <translation>Der Rückruf hat nicht begonnen: %1</translation>
    </message>
    <message>
        <source>&amp;Connect to another Switchboard…</source>
        <translation>Mit einer anderen Switchboard &amp;verbinden…</translation>
    </message>
    <message>
        <source>Connect to another Switchboard</source>
        <translation>Mit einer anderen Switchboard verbinden</translation>
    </message>
    <message>
        <source>Starting the call-back…</source>
        <translation>Der Rückruf beginnt…</translation>
    </message>
    <message>
        <source>Call-backs start once the router is running.</source>
        <translation>Rückrufe sind möglich, sobald der Router läuft.</translation>
    </message>
</context>
<context>
    <name>MasterKey</name>
    <message>
        <source>Cannot create the data folder %1.</source>
        <translation>Der Datenordner %1 kann nicht angelegt werden.</translation>
    </message>
    <message>
        <source>Cannot read the key file %1: %2.</source>
        <translation>Die Schlüsseldatei %1 kann nicht gelesen werden: %2.</translation>
    </message>
    <message>
        <source>The key file %1 is damaged: it is far too large to hold a key.</source>
        <translation>Die Schlüsseldatei %1 ist beschädigt: Sie ist viel zu groß für einen Schlüssel.</translation>
    </message>
    <message>
        <source>The key file %1 is damaged: it holds neither a key nor a keychain reference, so stored secrets cannot be decrypted.</source>
        <translation>Die Schlüsseldatei %1 ist beschädigt: Sie enthält weder einen Schlüssel noch einen Schlüsselbund-Verweis, daher können gespeicherte geheime Werte nicht entschlüsselt werden.</translation>
    </message>
    <message>
        <source>The key file %1 is damaged: its key is not %2 bytes of base64.</source>
        <translation>Die Schlüsseldatei %1 ist beschädigt: Ihr Schlüssel besteht nicht aus %2 Bytes Base64.</translation>
    </message>
    <message>
        <source>The key file %1 says the master key is in the system keychain, which is not available here (no desktop session, or SWITCHBOARD_KEYCHAIN=0); run Switchboard in the desktop session that created this data folder.</source>
        <translation>Laut der Schlüsseldatei %1 liegt der Hauptschlüssel im System-Schlüsselbund, der hier nicht verfügbar ist (keine Desktop-Sitzung oder SWITCHBOARD_KEYCHAIN=0); starten Sie Switchboard in der Desktop-Sitzung, die diesen Datenordner angelegt hat.</translation>
    </message>
    <message>
        <source>Cannot read the master key that %1 places in the system keychain: %2.</source>
        <translation>Der Hauptschlüssel, den %1 im System-Schlüsselbund verortet, kann nicht gelesen werden: %2.</translation>
    </message>
    <message>
        <source>The system keychain entry &quot;%1&quot; named by %2 does not hold a valid key.</source>
        <translation>Der von %2 genannte Schlüsselbund-Eintrag „%1“ enthält keinen gültigen Schlüssel.</translation>
    </message>
    <message>
        <source>Cannot create the master key for %1: the system has no source of secure random numbers.</source>
        <translation>Der Hauptschlüssel für %1 kann nicht erzeugt werden: Das System hat keine Quelle für sichere Zufallszahlen.</translation>
    </message>
    <message>
        <source>Cannot create the key file %1: %2.</source>
        <translation>Die Schlüsseldatei %1 kann nicht angelegt werden: %2.</translation>
    </message>
</context>
<context>
    <name>MergeCustomersDialog</name>
    <message>
        <source>Merge duplicate customers</source>
        <translation>Doppelte Kunden zusammenführen</translation>
    </message>
    <message>
        <source>Pick the customer who is the same person as %1. Their bookings and calls come together on the one you keep, and the other is deleted.</source>
        <translation>Wählen Sie den Kunden, der dieselbe Person ist wie %1. Termine und Anrufe beider landen bei dem, den Sie behalten; der andere wird gelöscht.</translation>
    </message>
    <message>
        <source>Search by name or phone number</source>
        <translation>Nach Name oder Telefonnummer suchen</translation>
    </message>
    <message>
        <source>&amp;Find:</source>
        <translation>&amp;Suchen:</translation>
    </message>
    <message>
        <source>Keep:</source>
        <translation>Behalten:</translation>
    </message>
    <message>
        <source>Afterwards:</source>
        <translation>Danach:</translation>
    </message>
    <message>
        <source>&amp;Merge…</source>
        <translation>&amp;Zusammenführen…</translation>
    </message>
    <message>
        <source>(no name)</source>
        <translation>(kein Name)</translation>
    </message>
    <message>
        <source>%1 (no phone number)</source>
        <translation>%1 (keine Telefonnummer)</translation>
    </message>
    <message>
        <source>%1, %2</source>
        <translation>%1, %2</translation>
    </message>
    <message numerus="yes">
        <source>This entry: %1 (%n booking(s))</source>
        <translation>
            <numerusform>Dieser Eintrag: %1 (%n Termin)</numerusform>
            <numerusform>Dieser Eintrag: %1 (%n Termine)</numerusform>
        </translation>
    </message>
    <message>
        <source>The other entry, picked above</source>
        <translation>Der andere Eintrag, oben gewählt</translation>
    </message>
    <message>
        <source>Pick the duplicate in the list above.</source>
        <translation>Wählen Sie das Duplikat in der Liste oben.</translation>
    </message>
    <message numerus="yes">
        <source>The other entry: %1 (%n booking(s))</source>
        <translation>
            <numerusform>Der andere Eintrag: %1 (%n Termin)</numerusform>
            <numerusform>Der andere Eintrag: %1 (%n Termine)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n booking(s)</source>
        <translation>
            <numerusform>%n Termin</numerusform>
            <numerusform>%n Termine</numerusform>
        </translation>
    </message>
    <message>
        <source>Calls from %1 will no longer be matched to this customer.</source>
        <translation>Anrufe von %1 werden diesem Kunden nicht mehr zugeordnet.</translation>
    </message>
    <message>
        <source>Merge customers</source>
        <translation>Kunden zusammenführen</translation>
    </message>
    <message>
        <source>Keep %1 and merge the other into it?</source>
        <translation>%1 behalten und den anderen Eintrag damit zusammenführen?</translation>
    </message>
    <message numerus="yes">
        <source>%n booking(s) move over from the other, which is then deleted. Calls stay in the call log. This cannot be undone.</source>
        <translation>
            <numerusform>%n Termin wird vom anderen Eintrag übernommen, der danach gelöscht wird. Anrufe bleiben im Anrufprotokoll. Das lässt sich nicht rückgängig machen.</numerusform>
            <numerusform>%n Termine werden vom anderen Eintrag übernommen, der danach gelöscht wird. Anrufe bleiben im Anrufprotokoll. Das lässt sich nicht rückgängig machen.</numerusform>
        </translation>
    </message>
    <message>
        <source>Merge</source>
        <translation>Zusammenführen</translation>
    </message>
    <message>
        <source>Don&apos;t merge</source>
        <translation>Nicht zusammenführen</translation>
    </message>
    <message>
        <source>The customers were not merged, and nothing was changed: %1</source>
        <translation>Die Kunden wurden nicht zusammengeführt, und nichts wurde geändert: %1</translation>
    </message>
</context>
<context>
    <name>MessageEditor</name>
    <message>
        <source>Say</source>
        <translation>Vorlesen</translation>
    </message>
    <message>
        <source>Play recording</source>
        <translation>Aufnahme abspielen</translation>
    </message>
    <message>
        <source>Say a text or play a recording</source>
        <translation>Text vorlesen oder Aufnahme abspielen</translation>
    </message>
    <message>
        <source>Default voice</source>
        <translation>Standardstimme</translation>
    </message>
    <message>
        <source>A Twilio voice such as Polly.Joanna; empty for the default voice.</source>
        <translation>Eine Twilio-Stimme wie Polly.Joanna; leer für die Standardstimme.</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Sprache</translation>
    </message>
    <message>
        <source>The language the text is read in, such as en-US; empty for the default.</source>
        <translation>Die Sprache, in der der Text vorgelesen wird, z. B. en-US; leer für die Standardsprache.</translation>
    </message>
    <message>
        <source>An https address of an MP3 or WAV file that Twilio can fetch.</source>
        <translation>Eine https-Adresse einer MP3- oder WAV-Datei, die Twilio abrufen kann.</translation>
    </message>
</context>
<context>
    <name>MonitorCommand</name>
    <message>
        <source>Withheld number</source>
        <translation>Unterdrückte Nummer</translation>
    </message>
    <message>
        <source>ringing %1</source>
        <translation>klingelt bei %1</translation>
    </message>
    <message>
        <source>ringing the fallback number</source>
        <translation>klingelt bei der Ersatznummer</translation>
    </message>
    <message>
        <source>ringing</source>
        <translation>klingelt</translation>
    </message>
    <message>
        <source>talking with %1</source>
        <translation>im Gespräch mit %1</translation>
    </message>
    <message>
        <source>talking with the fallback number</source>
        <translation>im Gespräch mit der Ersatznummer</translation>
    </message>
    <message>
        <source>answered</source>
        <translation>angenommen</translation>
    </message>
    <message>
        <source>with the AI agent</source>
        <translation>beim KI-Agenten</translation>
    </message>
    <message>
        <source>in the menu</source>
        <translation>im Menü</translation>
    </message>
    <message>
        <source>leaving a voicemail</source>
        <translation>hinterlässt eine Nachricht</translation>
    </message>
    <message>
        <source>hearing the closing message</source>
        <translation>hört die Abschlussansage</translation>
    </message>
    <message>
        <source>ended: %1, %2</source>
        <translation>beendet: %1, %2</translation>
    </message>
    <message>
        <source>ended: %1</source>
        <translation>beendet: %1</translation>
    </message>
    <message>
        <source>new call</source>
        <translation>neuer Anruf</translation>
    </message>
    <message>
        <source>taken by the AI agent</source>
        <translation>vom KI-Agenten übernommen</translation>
    </message>
    <message>
        <source>voicemail left</source>
        <translation>Nachricht hinterlassen</translation>
    </message>
    <message>
        <source>missed</source>
        <translation>verpasst</translation>
    </message>
    <message>
        <source>blocked</source>
        <translation>gesperrt</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>fehlgeschlagen</translation>
    </message>
    <message>
        <source>over</source>
        <translation>vorbei</translation>
    </message>
    <message>
        <source>The other Switchboard&apos;s feed.listen address.</source>
        <translation>Die feed.listen-Adresse des anderen Switchboard.</translation>
    </message>
    <message>
        <source>Its feed.view_token or feed.control_token.</source>
        <translation>Sein feed.view_token oder feed.control_token.</translation>
    </message>
    <message>
        <source>Every message as one JSON line.</source>
        <translation>Jede Nachricht als eine JSON-Zeile.</translation>
    </message>
    <message>
        <source>Accept the router&apos;s self-signed certificate with this fingerprint.</source>
        <translation>Das selbst signierte Zertifikat des Routers mit diesem Fingerabdruck annehmen.</translation>
    </message>
    <message>
        <source>Usage: switchboard monitor URL --token TOKEN [--json] [--certificate-sha256 FINGERPRINT]
Watches another Switchboard&apos;s live calls until SIGINT or SIGTERM: one line per change of a call,
and a line when the connection is made, cut off or made again (it comes back by itself, waiting
up to 30 s between tries). URL is the other router&apos;s feed.listen: ws://HOST:PORT or wss://HOST:PORT
(http:// and https:// work too; a bare HOST:PORT is ws://).
  --token TOKEN      the router&apos;s feed.view_token (or feed.control_token); or the environment
                     variable SWITCHBOARD_FEED_TOKEN, which other users cannot read on the command
                     line
  --json             every message received as one line of JSON (JSON Lines) on standard output;
                     what happens to the connection goes to standard error
  --certificate-sha256 FINGERPRINT
                     accept a wss:// router&apos;s self-signed certificate with this SHA-256
                     fingerprint (shown when it is refused)
Numbers read the way this computer&apos;s data folder writes them (routing.default_region; US without
one). Exits 0 when stopped, 1 when the token is refused, 2 for bad usage.
</source>
        <translation>Aufruf: switchboard monitor URL --token TOKEN [--json] [--certificate-sha256 FINGERABDRUCK]
Verfolgt die laufenden Anrufe eines anderen Switchboard bis SIGINT oder SIGTERM: eine Zeile je
Änderung eines Anrufs und eine Zeile, wenn die Verbindung hergestellt, getrennt oder wiederhergestellt
wird (sie kommt von selbst zurück und wartet bis zu 30 s zwischen den Versuchen). URL ist das
feed.listen des anderen Routers: ws://HOST:PORT oder wss://HOST:PORT (http:// und https:// gehen
auch; ein bloßes HOST:PORT ist ws://).
  --token TOKEN      das feed.view_token (oder feed.control_token) des Routers; oder die
                     Umgebungsvariable SWITCHBOARD_FEED_TOKEN, die andere Benutzer nicht in der
                     Befehlszeile lesen können
  --json             jede empfangene Nachricht als eine JSON-Zeile (JSON Lines) auf der
                     Standardausgabe; was mit der Verbindung geschieht, geht auf die Standardfehlerausgabe
  --certificate-sha256 FINGERABDRUCK
                     das selbst signierte Zertifikat eines wss://-Routers mit diesem
                     SHA-256-Fingerabdruck annehmen (er wird angezeigt, wenn es abgewiesen wird)
Nummern erscheinen so, wie der Datenordner dieses Computers sie schreibt (routing.default_region;
ohne einen US). Rückgabe 0 beim Beenden, 1 bei abgewiesenem Token, 2 bei falschem Aufruf.
</translation>
    </message>
    <message>
        <source>monitor needs the other router&apos;s address, and nothing else.</source>
        <translation>monitor braucht die Adresse des anderen Routers, und sonst nichts.</translation>
    </message>
    <message>
        <source>monitor needs the router&apos;s token: --token TOKEN, or the environment variable SWITCHBOARD_FEED_TOKEN.</source>
        <translation>monitor braucht das Token des Routers: --token TOKEN oder die Umgebungsvariable SWITCHBOARD_FEED_TOKEN.</translation>
    </message>
    <message>
        <source>--certificate-sha256: &quot;%1&quot; is not a SHA-256 fingerprint (32 pairs of hex digits, as in 3A:F0:…).</source>
        <translation>--certificate-sha256: „%1“ ist kein SHA-256-Fingerabdruck (32 Paare Hexadezimalziffern, wie in 3A:F0:…).</translation>
    </message>
    <message>
        <source>Cannot install the signal handlers.</source>
        <translation>Die Signalbehandlung lässt sich nicht einrichten.</translation>
    </message>
    <message>
        <source>Connected again to %1.</source>
        <translation>Wieder verbunden mit %1.</translation>
    </message>
    <message>
        <source>Some changes did not arrive; asking for the whole picture again.</source>
        <translation>Einige Änderungen sind nicht angekommen; das ganze Bild wird neu angefordert.</translation>
    </message>
    <message>
        <source>Call-back to %1</source>
        <translation>Rückruf an %1</translation>
    </message>
</context>
<context>
    <name>NumbersPage</name>
    <message>
        <source>The numbers to answer</source>
        <translation>Die Nummern, die beantwortet werden</translation>
    </message>
    <message>
        <source>Switchboard answers only the numbers you tick here; calls to your other numbers stay as they are.</source>
        <translation>Switchboard beantwortet nur die Nummern, die Sie hier ankreuzen; Anrufe an Ihre anderen Nummern bleiben, wie sie sind.</translation>
    </message>
    <message>
        <source>Load again</source>
        <translation>Erneut laden</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>Nummer</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Type a Twilio number, e.g. +1 555 765 4321</source>
        <translation>Twilio-Nummer eingeben, z. B. +1 555 765 4321</translation>
    </message>
    <message>
        <source>Twilio number</source>
        <translation>Twilio-Nummer</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>Hinzufügen</translation>
    </message>
    <message>
        <source>The Twilio account is not complete: go back and enter its SID and auth token.</source>
        <translation>Das Twilio-Konto ist unvollständig: Gehen Sie zurück und geben Sie SID und Auth Token ein.</translation>
    </message>
    <message>
        <source>Asking Twilio for your numbers…</source>
        <translation>Twilio wird nach Ihren Nummern gefragt…</translation>
    </message>
    <message>
        <source>Twilio did not give the list: %1 Go back to check the account, or type your Twilio number below.</source>
        <translation>Twilio hat die Liste nicht geliefert: %1 Gehen Sie zurück, um das Konto zu prüfen, oder geben Sie Ihre Twilio-Nummer unten ein.</translation>
    </message>
    <message>
        <source>This Twilio account has no phone numbers yet. Buy one in the Twilio console, then press Load again.</source>
        <translation>Dieses Twilio-Konto hat noch keine Telefonnummern. Kaufen Sie eine in der Twilio-Konsole und drücken Sie dann „Erneut laden“.</translation>
    </message>
    <message numerus="yes">
        <source>Your Twilio account has %n number(s). Tick the ones Switchboard should answer.</source>
        <translation>
            <numerusform>Ihr Twilio-Konto hat %n Nummer. Kreuzen Sie an, ob Switchboard sie beantworten soll.</numerusform>
            <numerusform>Ihr Twilio-Konto hat %n Nummern. Kreuzen Sie die an, die Switchboard beantworten soll.</numerusform>
        </translation>
    </message>
    <message>
        <source>typed in</source>
        <translation>eingegeben</translation>
    </message>
</context>
<context>
    <name>OwnerOnly</name>
    <message>
        <source>Cannot make the folder %1 private to its owner: %2.</source>
        <translation>Der Ordner %1 kann nicht nur für seinen Besitzer zugänglich gemacht werden: %2.</translation>
    </message>
    <message>
        <source>Cannot make %1 private to its owner as a file: it is a folder.</source>
        <translation>%1 kann nicht als Datei nur für seinen Besitzer zugänglich gemacht werden: Es ist ein Ordner.</translation>
    </message>
    <message>
        <source>Cannot make the file %1 private to its owner: %2.</source>
        <translation>Die Datei %1 kann nicht nur für ihren Besitzer zugänglich gemacht werden: %2.</translation>
    </message>
</context>
<context>
    <name>PhoneNormalizer</name>
    <message>
        <source>No phone number was given.</source>
        <translation>Es wurde keine Telefonnummer angegeben.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is a withheld caller ID, not a phone number.</source>
        <translation>„%1“ ist eine unterdrückte Anruferkennung, keine Telefonnummer.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; does not start with a known country code.</source>
        <translation>„%1“ beginnt nicht mit einer bekannten Ländervorwahl.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; has no country code, and the default region &quot;%2&quot; is not a known region.</source>
        <translation>„%1“ hat keine Ländervorwahl, und die Standardregion „%2“ ist keine bekannte Region.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is too short to be a phone number.</source>
        <translation>„%1“ ist zu kurz für eine Telefonnummer.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is too long to be a phone number.</source>
        <translation>„%1“ ist zu lang für eine Telefonnummer.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a phone number.</source>
        <translation>„%1“ ist keine Telefonnummer.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; lacks its area code.</source>
        <translation>Bei „%1“ fehlt die Vorwahl.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; has the wrong number of digits to be a phone number.</source>
        <translation>„%1“ hat die falsche Anzahl an Ziffern für eine Telefonnummer.</translation>
    </message>
</context>
<context>
    <name>PlanCommand</name>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>%1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>Usage: switchboard plan export FILE
       switchboard plan import FILE
The routing plan (staff, schedules, teams, caller lists, messages and the rules of each
number) as one JSON document; FILE may be - for standard output or input. An import
checks the whole document first and changes nothing when anything is wrong, naming
the JSON path at fault.
</source>
        <translation>Aufruf: switchboard plan export DATEI
        switchboard plan import DATEI
Der Weiterleitungsplan (Mitarbeiter, Zeitpläne, Teams, Anruferlisten, Ansagen und die Regeln
jeder Nummer) als ein JSON-Dokument; DATEI kann - für Standardausgabe bzw. -eingabe sein.
Ein Import prüft zuerst das ganze Dokument und ändert nichts, wenn etwas falsch ist; dabei
wird der fehlerhafte JSON-Pfad genannt.
</translation>
    </message>
    <message>
        <source>standard input</source>
        <translation>Standardeingabe</translation>
    </message>
    <message>
        <source>Wrote the routing plan to %1.</source>
        <translation>Weiterleitungsplan nach %1 geschrieben.</translation>
    </message>
    <message>
        <source>Wrote the built-in routing plan (booked callers to the AI agent, everyone else to the fallback number) to %1.</source>
        <translation>Eingebauten Weiterleitungsplan (Anrufer mit Termin zum KI-Agenten, alle anderen zur Ersatznummer) nach %1 geschrieben.</translation>
    </message>
    <message numerus="yes">
        <source>Nothing was imported from %1: %n fault(s).</source>
        <translation>
            <numerusform>Aus %1 wurde nichts importiert: %n Fehler.</numerusform>
            <numerusform>Aus %1 wurde nichts importiert: %n Fehler.</numerusform>
        </translation>
    </message>
    <message>
        <source>Imported the routing plan from %1: %2 staff, %3, %4 with %5.</source>
        <translation>Weiterleitungsplan aus %1 importiert: %2 Mitarbeiter, %3, %4 mit %5.</translation>
    </message>
    <message numerus="yes">
        <source>%n team(s)</source>
        <translation>
            <numerusform>%n Team</numerusform>
            <numerusform>%n Teams</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n plan(s)</source>
        <translation>
            <numerusform>%n Plan</numerusform>
            <numerusform>%n Pläne</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n rule(s)</source>
        <translation>
            <numerusform>%n Regel</numerusform>
            <numerusform>%n Regeln</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PlanDocument</name>
    <message>
        <source>unknown key (expected one of: %1)</source>
        <translation>unbekannter Schlüssel (erwartet: %1)</translation>
    </message>
    <message>
        <source>must be an object</source>
        <translation>muss ein Objekt sein</translation>
    </message>
    <message>
        <source>must be a list</source>
        <translation>muss eine Liste sein</translation>
    </message>
    <message>
        <source>is required</source>
        <translation>ist erforderlich</translation>
    </message>
    <message>
        <source>must be text</source>
        <translation>muss Text sein</translation>
    </message>
    <message>
        <source>must not be empty</source>
        <translation>darf nicht leer sein</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a usable id (letters, digits, _ - . and at most %2 characters)</source>
        <translation>„%1“ ist keine verwendbare ID (Buchstaben, Ziffern, _ - . und höchstens %2 Zeichen)</translation>
    </message>
    <message>
        <source>must be a whole number from %1 to %2</source>
        <translation>muss eine ganze Zahl von %1 bis %2 sein</translation>
    </message>
    <message>
        <source>must be true or false</source>
        <translation>muss true oder false sein</translation>
    </message>
    <message>
        <source>must be a list of numbers or prefixes</source>
        <translation>muss eine Liste von Nummern oder Präfixen sein</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not an http or https address</source>
        <translation>„%1“ ist keine http- oder https-Adresse</translation>
    </message>
    <message>
        <source>needs either &quot;say&quot; (text to read) or &quot;play&quot; (an audio address), not both</source>
        <translation>braucht entweder &quot;say&quot; (vorzulesender Text) oder &quot;play&quot; (eine Audioadresse), nicht beides</translation>
    </message>
    <message>
        <source>&quot;voice&quot; and &quot;language&quot; only apply to &quot;say&quot;</source>
        <translation>&quot;voice&quot; und &quot;language&quot; gelten nur für &quot;say&quot;</translation>
    </message>
    <message>
        <source>is longer than %1 characters</source>
        <translation>ist länger als %1 Zeichen</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a time of day such as 08:30</source>
        <translation>„%1“ ist keine Uhrzeit wie 08:30</translation>
    </message>
    <message>
        <source>needs at least one day (mon … sun)</source>
        <translation>braucht mindestens einen Tag (mon … sun)</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a day (mon, tue, wed, thu, fri, sat, sun)</source>
        <translation>„%1“ ist kein Tag (mon, tue, wed, thu, fri, sat, sun)</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a date such as 2026-12-25</source>
        <translation>„%1“ ist kein Datum wie 2026-12-25</translation>
    </message>
    <message>
        <source>needs at least one tier of staff ids, e.g. [[&quot;alice&quot;, &quot;bob&quot;]]</source>
        <translation>braucht mindestens eine Stufe mit Mitarbeiter-IDs, z. B. [[&quot;alice&quot;, &quot;bob&quot;]]</translation>
    </message>
    <message>
        <source>must be a list of one or more staff ids</source>
        <translation>muss eine Liste mit einer oder mehreren Mitarbeiter-IDs sein</translation>
    </message>
    <message>
        <source>must be &quot;one_by_one&quot; or &quot;all_at_once&quot;</source>
        <translation>muss &quot;one_by_one&quot; oder &quot;all_at_once&quot; sein</translation>
    </message>
    <message>
        <source>needs at least one number</source>
        <translation>braucht mindestens eine Nummer</translation>
    </message>
    <message>
        <source>actions are nested more than %1 deep</source>
        <translation>Aktionen sind tiefer als %1 Ebenen verschachtelt</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not an action (ai_agent, team, staff, number, assigned_staff, number_owner, menu, voicemail, message, reject)</source>
        <translation>„%1“ ist keine Aktion (ai_agent, team, staff, number, assigned_staff, number_owner, menu, voicemail, message, reject)</translation>
    </message>
    <message>
        <source>needs at least one key, e.g. {&quot;1&quot;: {&quot;do&quot;: &quot;team&quot;, …}}</source>
        <translation>braucht mindestens eine Taste, z. B. {&quot;1&quot;: {&quot;do&quot;: &quot;team&quot;, …}}</translation>
    </message>
    <message>
        <source>a menu key must be one digit from 0 to 9</source>
        <translation>eine Menütaste muss eine Ziffer von 0 bis 9 sein</translation>
    </message>
    <message>
        <source>only an action that tries to reach someone can have &quot;otherwise&quot;</source>
        <translation>nur eine Aktion, die jemanden zu erreichen versucht, kann &quot;otherwise&quot; haben</translation>
    </message>
    <message>
        <source>no team &quot;%1&quot;</source>
        <translation>kein Team „%1“</translation>
    </message>
    <message>
        <source>no staff member &quot;%1&quot;</source>
        <translation>kein Mitarbeiter „%1“</translation>
    </message>
    <message>
        <source>another %1 already has the id &quot;%2&quot;</source>
        <translation>ein anderes Element (%1) hat bereits die ID „%2“</translation>
    </message>
    <message>
        <source>line %1, column %2</source>
        <translation>Zeile %1, Spalte %2</translation>
    </message>
    <message>
        <source>not valid JSON at %1: %2</source>
        <translation>kein gültiges JSON bei %1: %2</translation>
    </message>
    <message>
        <source>the document must be a JSON object ({ &quot;version&quot;: 1, … })</source>
        <translation>das Dokument muss ein JSON-Objekt sein ({ &quot;version&quot;: 1, … })</translation>
    </message>
    <message>
        <source>is required (this Switchboard reads version %1)</source>
        <translation>ist erforderlich (dieses Switchboard liest Version %1)</translation>
    </message>
    <message>
        <source>this Switchboard reads version %1 of the plan document</source>
        <translation>dieses Switchboard liest Version %1 des Plandokuments</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a time zone such as America/New_York</source>
        <translation>„%1“ ist keine Zeitzone wie America/New_York</translation>
    </message>
    <message>
        <source>schedule</source>
        <translation>Zeitplan</translation>
    </message>
    <message>
        <source>no schedule &quot;%1&quot;</source>
        <translation>kein Zeitplan „%1“</translation>
    </message>
    <message>
        <source>%1 already belongs to %2</source>
        <translation>%1 gehört bereits zu %2</translation>
    </message>
    <message>
        <source>staff member</source>
        <translation>Mitarbeiter</translation>
    </message>
    <message>
        <source>team</source>
        <translation>Team</translation>
    </message>
    <message>
        <source>needs at least one number, or &quot;default&quot; for all others</source>
        <translation>braucht mindestens eine Nummer oder &quot;default&quot; für alle anderen</translation>
    </message>
    <message>
        <source>%1 already has a plan (%2)</source>
        <translation>%1 hat bereits einen Plan (%2)</translation>
    </message>
    <message>
        <source>Rule %1</source>
        <translation>Regel %1</translation>
    </message>
    <message>
        <source>no list &quot;%1&quot;</source>
        <translation>keine Liste „%1“</translation>
    </message>
    <message>
        <source>is required: what happens to a call this rule matches</source>
        <translation>ist erforderlich: was mit einem Anruf geschieht, auf den diese Regel zutrifft</translation>
    </message>
    <message>
        <source>Booked callers</source>
        <translation>Anrufer mit Termin</translation>
    </message>
    <message>
        <source>Everyone else</source>
        <translation>Alle anderen</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is already in this tier</source>
        <translation>„%1“ ist bereits in dieser Stufe</translation>
    </message>
</context>
<context>
    <name>PlanEditing</name>
    <message>
        <source>Still in use</source>
        <translation>Noch in Verwendung</translation>
    </message>
    <message>
        <source>%1 cannot be removed yet.</source>
        <translation>Sie können %1 noch nicht entfernen.</translation>
    </message>
    <message>
        <source>It is still used in:
%1

Take it out of these first; nothing was changed.</source>
        <translation>Wird noch verwendet in:
%1

Entfernen Sie zuerst diese Verweise; es wurde nichts geändert.</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <source>Remove %1?</source>
        <translation>Möchten Sie %1 entfernen?</translation>
    </message>
    <message>
        <source>Keep</source>
        <translation>Behalten</translation>
    </message>
</context>
<context>
    <name>PlanReferences</name>
    <message>
        <source>rule &quot;%1&quot; of plan %2</source>
        <translation>Regel „%1“ von Plan %2</translation>
    </message>
    <message>
        <source>rule &quot;%1&quot;</source>
        <translation>Regel „%1“</translation>
    </message>
    <message>
        <source>team &quot;%1&quot;, tier %2</source>
        <translation>Team „%1“, Stufe %2</translation>
    </message>
    <message>
        <source>on-call hours of %1</source>
        <translation>Bereitschaftszeiten von %1</translation>
    </message>
</context>
<context>
    <name>PlanSaveBar</name>
    <message>
        <source>Save plan</source>
        <translation>Plan speichern</translation>
    </message>
    <message>
        <source>Discard changes</source>
        <translation>Änderungen verwerfen</translation>
    </message>
    <message>
        <source>Calls follow the saved plan from the next call on.</source>
        <translation>Anrufe folgen dem gespeicherten Plan ab dem nächsten Anruf.</translation>
    </message>
    <message>
        <source>The saved plan cannot be read (%1). This is the built-in plan; save it to route by it again.</source>
        <translation>Der gespeicherte Plan kann nicht gelesen werden (%1). Dies ist der eingebaute Plan; speichern Sie ihn, damit Anrufe wieder nach ihm weitergeleitet werden.</translation>
    </message>
    <message numerus="yes">
        <source>%n problem(s) to fix before the plan can be saved; they are marked in red.</source>
        <translation>
            <numerusform>%n Problem muss behoben werden, bevor der Plan gespeichert werden kann; es ist rot markiert.</numerusform>
            <numerusform>%n Probleme müssen behoben werden, bevor der Plan gespeichert werden kann; sie sind rot markiert.</numerusform>
        </translation>
    </message>
    <message>
        <source>Unsaved changes. Calls follow the saved plan until you save.</source>
        <translation>Ungespeicherte Änderungen. Anrufe folgen dem gespeicherten Plan, bis Sie speichern.</translation>
    </message>
    <message>
        <source>The built-in plan: callers with a booking go to the AI agent, everyone else to the fallback number. Change it here to make it your own.</source>
        <translation>Der eingebaute Plan: Anrufer mit Termin gehen an den KI-Agenten, alle anderen an die Ersatznummer. Ändern Sie ihn hier, um ihn zu Ihrem eigenen zu machen.</translation>
    </message>
    <message>
        <source>Saved. Calls follow this plan.</source>
        <translation>Gespeichert. Anrufe folgen diesem Plan.</translation>
    </message>
    <message>
        <source>Discard every unsaved change to the routing plan, staff and schedules?</source>
        <translation>Alle ungespeicherten Änderungen am Weiterleitungsplan, an den Mitarbeitern und an den Zeitplänen verwerfen?</translation>
    </message>
</context>
<context>
    <name>PublicAddress</name>
    <message>
        <source>it is this computer&apos;s loopback address, which only this computer can reach</source>
        <translation>es ist die Loopback-Adresse dieses Rechners, die nur dieser Rechner erreicht</translation>
    </message>
    <message>
        <source>it is not the address of any one computer</source>
        <translation>es ist nicht die Adresse eines einzelnen Rechners</translation>
    </message>
    <message>
        <source>it is a private address, which only the office network can reach</source>
        <translation>es ist eine private Adresse, die nur das Büronetz erreicht</translation>
    </message>
    <message>
        <source>it is an address behind the internet provider&apos;s shared NAT, which the internet cannot reach</source>
        <translation>es ist eine Adresse hinter dem gemeinsamen NAT des Internetanbieters, die aus dem Internet nicht erreichbar ist</translation>
    </message>
    <message>
        <source>it names this computer, which only this computer can reach</source>
        <translation>er bezeichnet diesen Rechner, den nur dieser Rechner erreicht</translation>
    </message>
    <message>
        <source>it is a name only the office network knows</source>
        <translation>es ist ein Name, den nur das Büronetz kennt</translation>
    </message>
    <message>
        <source>no answer from the name server within %1 s</source>
        <translation>keine Antwort vom Namensserver innerhalb von %1 s</translation>
    </message>
</context>
<context>
    <name>RecordingDownloader</name>
    <message>
        <source>Could not create the folder %1 for the recording %2.</source>
        <translation>Der Ordner %1 für die Aufnahme %2 konnte nicht angelegt werden.</translation>
    </message>
    <message>
        <source>Could not save the recording %1 to %2: %3.</source>
        <translation>Die Aufnahme %1 konnte nicht unter %2 gespeichert werden: %3.</translation>
    </message>
    <message>
        <source>The storage server %1 answered %2 for the recording %3.</source>
        <translation>Der Speicherserver %1 antwortete %2 für die Aufnahme %3.</translation>
    </message>
    <message>
        <source>Twilio refused the account SID and auth token (HTTP %1) for the recording %2.</source>
        <translation>Twilio hat Account SID und Auth Token für die Aufnahme %2 abgelehnt (HTTP %1).</translation>
    </message>
    <message>
        <source>Twilio answered %1 for the recording %2.</source>
        <translation>Twilio antwortete %1 für die Aufnahme %2.</translation>
    </message>
    <message>
        <source>Could not download the recording %1: the connection to %2 was refused.</source>
        <translation>Die Aufnahme %1 konnte nicht heruntergeladen werden: Die Verbindung zu %2 wurde abgelehnt.</translation>
    </message>
    <message>
        <source>Could not download the recording %1: the host %2 was not found.</source>
        <translation>Die Aufnahme %1 konnte nicht heruntergeladen werden: Der Host %2 wurde nicht gefunden.</translation>
    </message>
    <message>
        <source>Could not download the recording %1: %2 closed the connection before the download was complete.</source>
        <translation>Die Aufnahme %1 konnte nicht heruntergeladen werden: %2 hat die Verbindung vor Abschluss des Downloads getrennt.</translation>
    </message>
    <message>
        <source>Could not download the recording %1: %2.</source>
        <translation>Die Aufnahme %1 konnte nicht heruntergeladen werden: %2.</translation>
    </message>
    <message>
        <source>The recording cannot be downloaded because the network access has been shut down.</source>
        <translation>Die Aufnahme kann nicht heruntergeladen werden, weil der Netzwerkzugriff beendet wurde.</translation>
    </message>
    <message>
        <source>The recording URL %1 is not a valid http or https URL.</source>
        <translation>Die Aufnahme-URL %1 ist keine gültige http- oder https-URL.</translation>
    </message>
    <message>
        <source>The Twilio account SID or auth token is missing or contains characters that cannot be sent.</source>
        <translation>Die Twilio Account SID oder der Auth Token fehlt oder enthält Zeichen, die nicht gesendet werden können.</translation>
    </message>
    <message>
        <source>No file was given to save the recording %1 to.</source>
        <translation>Es wurde keine Datei angegeben, in der die Aufnahme %1 gespeichert werden soll.</translation>
    </message>
    <message>
        <source>The recording %1 was redirected more than %2 times, so it was not downloaded.</source>
        <translation>Die Aufnahme %1 wurde mehr als %2-mal umgeleitet und daher nicht heruntergeladen.</translation>
    </message>
    <message>
        <source>The recording %1 was redirected to an address that is not a valid http or https URL.</source>
        <translation>Die Aufnahme %1 wurde auf eine Adresse umgeleitet, die keine gültige http- oder https-URL ist.</translation>
    </message>
    <message>
        <source>The recording %1 was redirected from https to unencrypted http (%2), which is refused.</source>
        <translation>Die Aufnahme %1 wurde von https auf unverschlüsseltes http (%2) umgeleitet; das wird abgelehnt.</translation>
    </message>
    <message>
        <source>The recording %1 was answered with an empty file.</source>
        <translation>Für die Aufnahme %1 kam eine leere Datei zurück.</translation>
    </message>
    <message>
        <source>The recording %1 was not downloaded within %2 ms.</source>
        <translation>Die Aufnahme %1 wurde nicht innerhalb von %2 ms heruntergeladen.</translation>
    </message>
    <message>
        <source>The recording %1 is larger than %2 MiB, so it was not saved.</source>
        <translation>Die Aufnahme %1 ist größer als %2 MiB und wurde daher nicht gespeichert.</translation>
    </message>
    <message>
        <source>The recording URL %1 is not at Twilio, so it is not fetched.</source>
        <translation>Die Aufnahme-URL %1 liegt nicht bei Twilio und wird daher nicht abgerufen.</translation>
    </message>
</context>
<context>
    <name>RecordingStore</name>
    <message>
        <source>A recording needs the sid of its call and its own recording sid.</source>
        <translation>Eine Aufnahme braucht die SID ihres Anrufs und ihre eigene Aufnahme-SID.</translation>
    </message>
    <message>
        <source>There is no recording %1 yet; save the recording first.</source>
        <translation>Es gibt noch keine Aufnahme %1; speichern Sie die Aufnahme zuerst.</translation>
    </message>
</context>
<context>
    <name>RemoteCallLogPanel</name>
    <message>
        <source>No calls match these filters.</source>
        <translation>Keine Anrufe passen zu diesen Filtern.</translation>
    </message>
    <message>
        <source>Load &amp;more calls</source>
        <translation>&amp;Weitere Anrufe laden</translation>
    </message>
    <message>
        <source>Call logs</source>
        <translation>Anrufprotokolle</translation>
    </message>
    <message>
        <source>Caller&apos;s number or name…</source>
        <translation>Nummer oder Name des Anrufers…</translation>
    </message>
    <message>
        <source>Caller</source>
        <translation>Anrufer</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>All outcomes</source>
        <translation>Alle Ergebnisse</translation>
    </message>
    <message>
        <source>Call back…</source>
        <translation>Zurückrufen…</translation>
    </message>
    <message>
        <source>Select a call to see its timeline.</source>
        <translation>Wählen Sie einen Anruf, um seinen Verlauf zu sehen.</translation>
    </message>
    <message>
        <source>The newest %L1 calls</source>
        <translation>Die neuesten %L1 Anrufe</translation>
    </message>
    <message>
        <source>1 call</source>
        <translation>1 Anruf</translation>
    </message>
    <message>
        <source>%L1 calls</source>
        <translation>%L1 Anrufe</translation>
    </message>
    <message>
        <source>This caller&apos;s number was withheld.</source>
        <translation>Die Nummer dieses Anrufers war unterdrückt.</translation>
    </message>
    <message>
        <source>Ring a phone of the practice first, then this caller.</source>
        <translation>Zuerst ein Telefon der Praxis anklingeln, dann diesen Anrufer.</translation>
    </message>
    <message>
        <source>Voicemail of %1, kept on the other computer.</source>
        <translation>Mailbox-Nachricht von %1, auf dem anderen Computer gespeichert.</translation>
    </message>
    <message>
        <source>Voicemail, kept on the other computer.</source>
        <translation>Mailbox-Nachricht, auf dem anderen Computer gespeichert.</translation>
    </message>
</context>
<context>
    <name>RemoteSeatDialog</name>
    <message>
        <source>&amp;Forget</source>
        <translation>&amp;Vergessen</translation>
    </message>
    <message>
        <source>Connect to another Switchboard</source>
        <translation>Mit einer anderen Switchboard verbinden</translation>
    </message>
    <message>
        <source>Watch the calls of the Switchboard on another computer from here. Its Setup panel shows, under &quot;Other seats&quot;, the seat address and two tokens: the token to watch, or the token to act for a seat that may also act on calls.</source>
        <translation>Sehen Sie von hier aus die Anrufe der Switchboard auf einem anderen Computer. Deren Einrichtung zeigt unter „Andere Plätze“ die Platzadresse und zwei Tokens: den Token zum Zusehen oder den Token zum Handeln für einen Platz, der auch in Anrufe eingreifen darf.</translation>
    </message>
    <message>
        <source>192.168.1.20:8081</source>
        <translation>192.168.1.20:8081</translation>
    </message>
    <message>
        <source>Reception 2</source>
        <translation>Empfang 2</translation>
    </message>
    <message>
        <source>The other Switchboard writes this name on a call&apos;s timeline when this seat acts on it.</source>
        <translation>Die andere Switchboard schreibt diesen Namen in den Verlauf eines Anrufs, wenn dieser Platz darauf einwirkt.</translation>
    </message>
    <message>
        <source>&amp;Address:</source>
        <translation>&amp;Adresse:</translation>
    </message>
    <message>
        <source>&amp;Token:</source>
        <translation>&amp;Token:</translation>
    </message>
    <message>
        <source>&amp;This seat&apos;s name:</source>
        <translation>&amp;Name dieses Platzes:</translation>
    </message>
    <message>
        <source>&amp;Connect</source>
        <translation>&amp;Verbinden</translation>
    </message>
    <message>
        <source>Remove the address, the token and the seat&apos;s name from this computer.</source>
        <translation>Adresse, Token und Namen des Platzes von diesem Computer entfernen.</translation>
    </message>
    <message>
        <source>Its certificate is trusted (SHA-256 %1…%2).</source>
        <translation>Seinem Zertifikat wird vertraut (SHA-256 %1…%2).</translation>
    </message>
    <message>
        <source>Give this seat a name, such as &quot;Reception 2&quot;: the other Switchboard shows it when this seat acts on a call.</source>
        <translation>Geben Sie diesem Platz einen Namen, etwa „Empfang 2“: Die andere Switchboard zeigt ihn, wenn dieser Platz auf einen Anruf einwirkt.</translation>
    </message>
</context>
<context>
    <name>RemoteSeatMemory</name>
    <message>
        <source>The remembered token cannot be read any more (%1); paste it again.</source>
        <translation>Der gespeicherte Token kann nicht mehr gelesen werden (%1); fügen Sie ihn erneut ein.</translation>
    </message>
    <message>
        <source>The token cannot be kept safely on this computer, so nothing was remembered.</source>
        <translation>Der Token kann auf diesem Computer nicht sicher aufbewahrt werden, daher wurde nichts gespeichert.</translation>
    </message>
</context>
<context>
    <name>RemoteSeatWindow</name>
    <message>
        <source>Sections</source>
        <translation>Bereiche</translation>
    </message>
    <message>
        <source>Live calls</source>
        <translation>Laufende Anrufe</translation>
    </message>
    <message>
        <source>Call logs</source>
        <translation>Anrufprotokolle</translation>
    </message>
    <message>
        <source>Statistics</source>
        <translation>Statistik</translation>
    </message>
    <message>
        <source>Watching only</source>
        <translation>Nur zusehen</translation>
    </message>
    <message>
        <source>%1 — Switchboard</source>
        <translation>%1 — Switchboard</translation>
    </message>
    <message>
        <source>● Connected to %1</source>
        <translation>● Verbunden mit %1</translation>
    </message>
    <message>
        <source>Cut off from %1 — trying again now…</source>
        <translation>Von %1 getrennt — neuer Versuch läuft…</translation>
    </message>
    <message>
        <source>Connecting to %1…</source>
        <translation>Verbindung mit %1…</translation>
    </message>
    <message>
        <source>● Connecting…</source>
        <translation>● Verbinde…</translation>
    </message>
    <message>
        <source>● Cut off</source>
        <translation>● Getrennt</translation>
    </message>
    <message>
        <source>The token was refused: ask for a new one.</source>
        <translation>Der Token wurde abgelehnt: Bitten Sie um einen neuen.</translation>
    </message>
    <message>
        <source>● Not connected</source>
        <translation>● Nicht verbunden</translation>
    </message>
    <message numerus="yes">
        <source>Cut off from %1 — trying again in %n s</source>
        <translation>
            <numerusform>Von %1 getrennt — neuer Versuch in %n s</numerusform>
            <numerusform>Von %1 getrennt — neuer Versuch in %n s</numerusform>
        </translation>
    </message>
    <message>
        <source>The certificate of %1 is not trusted. Trust it only if this fingerprint is the one that computer shows for its certificate:</source>
        <translation>Dem Zertifikat von %1 wird nicht vertraut. Vertrauen Sie ihm nur, wenn dieser Fingerabdruck der ist, den jener Computer für sein Zertifikat zeigt:</translation>
    </message>
    <message>
        <source>May act on calls as “%1”</source>
        <translation>Darf als „%1“ in Anrufe eingreifen</translation>
    </message>
    <message>
        <source>Starting the call-back…</source>
        <translation>Der Rückruf beginnt…</translation>
    </message>
    <message>
        <source>Ringing your phone…</source>
        <translation>Ihr Telefon klingelt…</translation>
    </message>
    <message>
        <source>The call-back did not start: %1</source>
        <translation>Der Rückruf hat nicht begonnen: %1</translation>
    </message>
    <message>
        <source>This seat may only watch: its token does not let it act on calls.</source>
        <translation>Dieser Platz darf nur zusehen: Sein Token erlaubt kein Eingreifen in Anrufe.</translation>
    </message>
</context>
<context>
    <name>RetellClient</name>
    <message>
        <source>Retell cannot be reached because the network access has been shut down.</source>
        <translation>Retell ist nicht erreichbar, weil der Netzwerkzugriff beendet wurde.</translation>
    </message>
    <message>
        <source>The Retell API address is not a valid http or https URL.</source>
        <translation>Die Retell-API-Adresse ist keine gültige http- oder https-URL.</translation>
    </message>
    <message>
        <source>The Retell API key is missing or contains characters that cannot be sent.</source>
        <translation>Der Retell-API-Key fehlt oder enthält Zeichen, die nicht gesendet werden können.</translation>
    </message>
    <message>
        <source>No Retell agent is configured for this number.</source>
        <translation>Für diese Nummer ist kein Retell-Agent eingerichtet.</translation>
    </message>
    <message>
        <source>The called number is missing, so the call cannot be registered with Retell.</source>
        <translation>Die angerufene Nummer fehlt, daher kann der Anruf nicht bei Retell angemeldet werden.</translation>
    </message>
    <message>
        <source>Retell did not answer within %1 ms.</source>
        <translation>Retell hat nicht innerhalb von %1 ms geantwortet.</translation>
    </message>
    <message>
        <source>Retell answered with something that is not JSON.</source>
        <translation>Retell hat mit etwas geantwortet, das kein JSON ist.</translation>
    </message>
    <message>
        <source>Retell answered with JSON that is not an object.</source>
        <translation>Retell hat mit JSON geantwortet, das kein Objekt ist.</translation>
    </message>
    <message>
        <source>Retell&apos;s answer has no call_id.</source>
        <translation>Die Antwort von Retell enthält keine call_id.</translation>
    </message>
    <message>
        <source>Retell&apos;s answer has a call_id that cannot be put into a SIP address.</source>
        <translation>Die Antwort von Retell enthält eine call_id, die sich nicht in eine SIP-Adresse einsetzen lässt.</translation>
    </message>
    <message>
        <source>Could not connect to Retell at %1: the connection was refused.</source>
        <translation>Keine Verbindung zu Retell unter %1: Die Verbindung wurde abgelehnt.</translation>
    </message>
    <message>
        <source>Could not connect to Retell: the host %1 was not found.</source>
        <translation>Keine Verbindung zu Retell: Der Host %1 wurde nicht gefunden.</translation>
    </message>
    <message>
        <source>Retell at %1 closed the connection before answering.</source>
        <translation>Retell unter %1 hat die Verbindung vor der Antwort getrennt.</translation>
    </message>
    <message>
        <source>Could not reach Retell at %1: %2.</source>
        <translation>Retell unter %1 ist nicht erreichbar: %2.</translation>
    </message>
    <message>
        <source>Retell refused the API key (HTTP %1).</source>
        <translation>Retell hat den API-Key abgelehnt (HTTP %1).</translation>
    </message>
    <message>
        <source>Retell refused the API key (HTTP %1: %2).</source>
        <translation>Retell hat den API-Key abgelehnt (HTTP %1: %2).</translation>
    </message>
    <message>
        <source>Retell answered HTTP %1.</source>
        <translation>Retell antwortete HTTP %1.</translation>
    </message>
    <message>
        <source>Retell answered HTTP %1: %2.</source>
        <translation>Retell antwortete HTTP %1: %2.</translation>
    </message>
    <message>
        <source>No Retell agent ID is set.</source>
        <translation>Es ist keine Retell-Agent-ID festgelegt.</translation>
    </message>
    <message>
        <source>Retell&apos;s answer is larger than %1 KiB, so it was not read.</source>
        <translation>Die Antwort von Retell ist größer als %1 KiB und wurde daher nicht gelesen.</translation>
    </message>
    <message>
        <source>Retell has no voice agent &quot;%1&quot; on the account of this API key</source>
        <translation>Retell hat im Konto dieses API-Keys keinen Voice-Agent „%1“</translation>
    </message>
    <message>
        <source>Retell&apos;s answer for the agent &quot;%1&quot; does not describe an agent.</source>
        <translation>Die Antwort von Retell für den Agenten „%1“ beschreibt keinen Agenten.</translation>
    </message>
    <message>
        <source>%1 (HTTP 404).</source>
        <translation>%1 (HTTP 404).</translation>
    </message>
    <message>
        <source>%1 (HTTP 404: %2).</source>
        <translation>%1 (HTTP 404: %2).</translation>
    </message>
    <message>
        <source>Retell at %1 answered with something that is not HTTP.</source>
        <translation>Retell unter %1 hat mit etwas geantwortet, das kein HTTP ist.</translation>
    </message>
</context>
<context>
    <name>RouterHost</name>
    <message>
        <source>The router is not running.</source>
        <translation>Der Router läuft nicht.</translation>
    </message>
</context>
<context>
    <name>RouterLock</name>
    <message>
        <source>Cannot create the data folder %1.</source>
        <translation>Der Datenordner %1 kann nicht angelegt werden.</translation>
    </message>
    <message>
        <source>Another Switchboard (process %1) is already routing calls for the data folder %2; stop it first.</source>
        <translation>Ein anderes Switchboard (Prozess %1) leitet bereits Anrufe für den Datenordner %2 weiter; beenden Sie es zuerst.</translation>
    </message>
    <message>
        <source>Cannot lock the data folder %1 for the router.</source>
        <translation>Der Datenordner %1 kann für den Router nicht gesperrt werden.</translation>
    </message>
</context>
<context>
    <name>RouterService</name>
    <message>
        <source>The live feed is off: set both feed.tls_cert and feed.tls_key, or neither.</source>
        <translation>Die Live-Übertragung ist aus: Setzen Sie feed.tls_cert und feed.tls_key beide oder keines.</translation>
    </message>
</context>
<context>
    <name>RoutingOptionsEditor</name>
    <message>
        <source>Staff press &amp;1 to take a call</source>
        <translation>Mitarbeiter drücken die &amp;1, um einen Anruf anzunehmen</translation>
    </message>
    <message>
        <source>Take a &amp;voicemail when nobody answers</source>
        <translation>&amp;Mailbox-Nachricht aufnehmen, wenn niemand abnimmt</translation>
    </message>
    <message>
        <source>Tra&amp;nscribe voicemails to text</source>
        <translation>Nachrichten als Te&amp;xt abschreiben</translation>
    </message>
    <message>
        <source>Nothing: the call goes straight on</source>
        <translation>Nichts: Der Anruf geht direkt weiter</translation>
    </message>
    <message>
        <source>Sorry, nobody could take your call. Please try again later.</source>
        <translation>Leider konnte niemand Ihren Anruf entgegennehmen. Bitte versuchen Sie es später noch einmal.</translation>
    </message>
    <message>
        <source>Please leave a message after the tone.</source>
        <translation>Bitte hinterlassen Sie nach dem Signalton eine Nachricht.</translation>
    </message>
    <message>
        <source>Call from {caller}. Press 1 to accept.</source>
        <translation>Anruf von {caller}. Drücken Sie die 1, um anzunehmen.</translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source>What callers hear</source>
        <translation>Was Anrufer hören</translation>
    </message>
    <message>
        <source>&amp;Welcome</source>
        <translation>&amp;Begrüßung</translation>
    </message>
    <message>
        <source>Said once at the start of every call that is not turned away.</source>
        <translation>Wird einmal zu Beginn jedes Anrufs abgespielt, der nicht abgewiesen wird.</translation>
    </message>
    <message>
        <source>&amp;Closing</source>
        <translation>Abs&amp;chlussansage</translation>
    </message>
    <message>
        <source>Said when nobody could be reached and no voicemail is taken.</source>
        <translation>Wird abgespielt, wenn niemand erreicht wurde und keine Mailbox-Nachricht aufgenommen wird.</translation>
    </message>
    <message>
        <source>Voicemail &amp;greeting</source>
        <translation>Mailbox-Ansa&amp;ge</translation>
    </message>
    <message>
        <source>When staff pick up</source>
        <translation>Wenn Mitarbeiter abnehmen</translation>
    </message>
    <message>
        <source>So that a personal voicemail box that picks up cannot take the caller.</source>
        <translation>Damit keine persönliche Mailbox, die sich meldet, den Anruf übernehmen kann.</translation>
    </message>
    <message>
        <source>&amp;Prompt</source>
        <translation>&amp;Ansage</translation>
    </message>
    <message>
        <source>{caller} becomes the caller&apos;s name when known, else their number.</source>
        <translation>{caller} wird durch den Namen des Anrufers ersetzt, falls bekannt, sonst durch seine Nummer.</translation>
    </message>
    <message>
        <source>Ask up to</source>
        <translation>Anzahl der Versuche</translation>
    </message>
    <message>
        <source>Wait for the key</source>
        <translation>Auf die Taste warten</translation>
    </message>
    <message>
        <source>Voicemail</source>
        <translation>Mailbox</translation>
    </message>
    <message>
        <source>Longest message</source>
        <translation>Maximale Nachrichtenlänge</translation>
    </message>
</context>
<context>
    <name>RoutingPanel</name>
    <message>
        <source>Routing</source>
        <translation>Weiterleitung</translation>
    </message>
    <message>
        <source>&amp;Rules</source>
        <translation>&amp;Regeln</translation>
    </message>
    <message>
        <source>Caller &amp;lists</source>
        <translation>Anrufer&amp;listen</translation>
    </message>
    <message>
        <source>&amp;Messages &amp;&amp; options</source>
        <translation>Ansagen &amp;&amp; &amp;Optionen</translation>
    </message>
    <message>
        <source>&amp;Test a call</source>
        <translation>Anruf &amp;testen</translation>
    </message>
</context>
<context>
    <name>RoutingPlanLoader</name>
    <message>
        <source>The stored routing plan cannot be read (%1); import it again with `switchboard plan import`.</source>
        <translation>Der gespeicherte Weiterleitungsplan kann nicht gelesen werden (%1); importieren Sie ihn erneut mit `switchboard plan import`.</translation>
    </message>
</context>
<context>
    <name>RuleEvaluator</name>
    <message>
        <source>the caller has an active booking</source>
        <translation>der Anrufer hat einen aktiven Termin</translation>
    </message>
    <message>
        <source>the caller has no active booking</source>
        <translation>der Anrufer hat keinen aktiven Termin</translation>
    </message>
    <message>
        <source>the call was made to %1</source>
        <translation>der Anruf ging an %1</translation>
    </message>
    <message>
        <source>the caller is on the list &quot;%1&quot;</source>
        <translation>der Anrufer steht auf der Liste „%1“</translation>
    </message>
    <message>
        <source>the caller is not on the list &quot;%1&quot;</source>
        <translation>der Anrufer steht nicht auf der Liste „%1“</translation>
    </message>
    <message>
        <source>it is inside the hours of &quot;%1&quot;</source>
        <translation>es ist innerhalb der Zeiten von „%1“</translation>
    </message>
    <message>
        <source>it is outside the hours of &quot;%1&quot;</source>
        <translation>es ist außerhalb der Zeiten von „%1“</translation>
    </message>
    <message>
        <source>it applies to every call</source>
        <translation>sie gilt für jeden Anruf</translation>
    </message>
    <message>
        <source> and </source>
        <translation> und </translation>
    </message>
    <message>
        <source>%1 is on the block list (%2).</source>
        <translation>%1 steht auf der Sperrliste (%2).</translation>
    </message>
    <message>
        <source>The caller&apos;s number is withheld and only the numbers on the allow list may call.</source>
        <translation>Die Nummer des Anrufers ist unterdrückt, und nur Nummern auf der Erlaubt-Liste dürfen anrufen.</translation>
    </message>
    <message>
        <source>%1 is not on the allow list.</source>
        <translation>%1 steht nicht auf der Erlaubt-Liste.</translation>
    </message>
</context>
<context>
    <name>RulesEditor</name>
    <message>
        <source>All other numbers</source>
        <translation>Alle anderen Nummern</translation>
    </message>
    <message>
        <source>All numbers</source>
        <translation>Alle Nummern</translation>
    </message>
    <message>
        <source>New plan (no number yet)</source>
        <translation>Neuer Plan (noch keine Nummer)</translation>
    </message>
    <message>
        <source>Calls to %1</source>
        <translation>Anrufe an %1</translation>
    </message>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <source>%1 (missing)</source>
        <translation>%1 (fehlt)</translation>
    </message>
    <message>
        <source>New plan for other numbers</source>
        <translation>Neuer Plan für weitere Nummern</translation>
    </message>
    <message>
        <source>Remove this plan</source>
        <translation>Diesen Plan entfernen</translation>
    </message>
    <message>
        <source>&amp;Add rule</source>
        <translation>Regel &amp;hinzufügen</translation>
    </message>
    <message>
        <source>Remo&amp;ve rule</source>
        <translation>Regel ent&amp;fernen</translation>
    </message>
    <message>
        <source>Move &amp;up</source>
        <translation>Nach o&amp;ben</translation>
    </message>
    <message>
        <source>Move do&amp;wn</source>
        <translation>Nach &amp;unten</translation>
    </message>
    <message>
        <source>Plan</source>
        <translation>Plan</translation>
    </message>
    <message>
        <source>The numbers this plan answers, separated by commas</source>
        <translation>Die Nummern, die dieser Plan beantwortet, durch Kommas getrennt</translation>
    </message>
    <message>
        <source>Rules for</source>
        <translation>Regeln für</translation>
    </message>
    <message>
        <source>Rule</source>
        <translation>Regel</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Wann</translation>
    </message>
    <message>
        <source>Then</source>
        <translation>Dann</translation>
    </message>
    <message>
        <source>Rules, tried from the top</source>
        <translation>Regeln, von oben nach unten geprüft</translation>
    </message>
    <message>
        <source>Any caller</source>
        <translation>Jeder Anrufer</translation>
    </message>
    <message>
        <source>Callers with an active booking</source>
        <translation>Anrufer mit aktivem Termin</translation>
    </message>
    <message>
        <source>Callers without an active booking</source>
        <translation>Anrufer ohne aktiven Termin</translation>
    </message>
    <message>
        <source>Any number of ours</source>
        <translation>Jede unserer Nummern</translation>
    </message>
    <message>
        <source>&amp;Booking</source>
        <translation>Ter&amp;min</translation>
    </message>
    <message>
        <source>Caller on l&amp;ist</source>
        <translation>Anrufer auf L&amp;iste</translation>
    </message>
    <message>
        <source>Caller n&amp;ot on list</source>
        <translation>Anrufer ni&amp;cht auf Liste</translation>
    </message>
    <message>
        <source>During the &amp;hours of</source>
        <translation>&amp;Während der Zeiten von</translation>
    </message>
    <message>
        <source>Outside the hours o&amp;f</source>
        <translation>Außerhalb der Zeiten &amp;von</translation>
    </message>
    <message>
        <source>&amp;Calls to</source>
        <translation>&amp;Anrufe an</translation>
    </message>
    <message>
        <source>&amp;Name</source>
        <translation>&amp;Name</translation>
    </message>
    <message>
        <source>New rule</source>
        <translation>Neue Regel</translation>
    </message>
    <message>
        <source>Remove rule</source>
        <translation>Regel entfernen</translation>
    </message>
    <message>
        <source>Remove the rule &quot;%1&quot;? Calls it took go on to the rules below it.</source>
        <translation>Die Regel „%1“ entfernen? Anrufe, die sie übernommen hat, gehen dann an die Regeln darunter.</translation>
    </message>
    <message>
        <source>Remove plan</source>
        <translation>Plan entfernen</translation>
    </message>
    <message>
        <source>Remove the plan for %1? Calls to these numbers will follow the plan for all other numbers.</source>
        <translation>Den Plan für %1 entfernen? Anrufe an diese Nummern folgen dann dem Plan für alle anderen Nummern.</translation>
    </message>
    <message>
        <source>%1. %2</source>
        <translation>%1. %2</translation>
    </message>
    <message>
        <source>Rules are tried from the top; the first that applies decides where the call goes. When no rule applies, the call rings the fallback number.</source>
        <translation>Die Regeln werden von oben nach unten geprüft; die erste, die zutrifft, entscheidet, wohin der Anruf geht. Trifft keine Regel zu, klingelt die Ersatznummer.</translation>
    </message>
</context>
<context>
    <name>SampleData</name>
    <message>
        <source>Incoming call from %1 to %2.</source>
        <translation>Eingehender Anruf von %1 an %2.</translation>
    </message>
    <message>
        <source>The call ended (completed): %1.</source>
        <translation>Der Anruf ist beendet (completed): %1.</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>Hello, I need to move my cleaning on Thursday to next week if that is possible. Please call me back on my mobile. Thank you!</source>
        <translation>Hallo, ich müsste meine Zahnreinigung am Donnerstag auf nächste Woche verschieben, wenn das geht. Bitte rufen Sie mich auf dem Handy zurück. Danke!</translation>
    </message>
</context>
<context>
    <name>Schedule</name>
    <message>
        <source>schedule &quot;%1&quot; cannot be read without a valid time and time zone</source>
        <translation>Zeitplan „%1“ kann ohne gültige Uhrzeit und Zeitzone nicht ausgewertet werden</translation>
    </message>
    <message>
        <source>closed on %1 (schedule &quot;%2&quot;)</source>
        <translation>geschlossen am %1 (Zeitplan „%2“)</translation>
    </message>
    <message>
        <source>inside the hours of schedule &quot;%1&quot; at %2 %3</source>
        <translation>innerhalb der Zeiten von Zeitplan „%1“ um %2 %3</translation>
    </message>
    <message>
        <source>outside the hours of schedule &quot;%1&quot; at %2 %3</source>
        <translation>außerhalb der Zeiten von Zeitplan „%1“ um %2 %3</translation>
    </message>
</context>
<context>
    <name>SchedulesTab</name>
    <message>
        <source>&amp;Add schedule</source>
        <translation>Zeitplan &amp;hinzufügen</translation>
    </message>
    <message>
        <source>&amp;Remove schedule…</source>
        <translation>Zeitplan &amp;entfernen…</translation>
    </message>
    <message>
        <source>Time &amp;zone:</source>
        <translation>&amp;Zeitzone:</translation>
    </message>
    <message>
        <source>Schedules</source>
        <translation>Zeitpläne</translation>
    </message>
    <message>
        <source>No schedules yet. Add one to say when people may be rung; staff without a schedule are always on call.</source>
        <translation>Noch keine Zeitpläne. Fügen Sie einen hinzu, um festzulegen, wann Personen angerufen werden dürfen; Mitarbeiter ohne Zeitplan sind immer in Bereitschaft.</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>Weekly hours</source>
        <translation>Wöchentliche Zeiten</translation>
    </message>
    <message>
        <source>Closed days</source>
        <translation>Schließtage</translation>
    </message>
    <message>
        <source>Select a schedule to see and change its hours.</source>
        <translation>Wählen Sie einen Zeitplan, um seine Zeiten zu sehen und zu ändern.</translation>
    </message>
    <message>
        <source>the schedule &quot;%1&quot;</source>
        <translation>den Zeitplan „%1“</translation>
    </message>
    <message>
        <source>Its weekly hours and closed days go with it.</source>
        <translation>Seine wöchentlichen Zeiten und Schließtage werden mit entfernt.</translation>
    </message>
    <message>
        <source>Another schedule is already called &quot;%1&quot;.</source>
        <translation>Ein anderer Zeitplan heißt bereits „%1“.</translation>
    </message>
    <message>
        <source>e.g. Office hours</source>
        <translation>z. B. Sprechzeiten</translation>
    </message>
    <message>
        <source>As staff and rules show it; renaming it changes it there too.</source>
        <translation>So zeigen Mitarbeiter und Regeln ihn an; eine Umbenennung ändert ihn auch dort.</translation>
    </message>
    <message>
        <source>Opening hours</source>
        <translation>Öffnungszeiten</translation>
    </message>
    <message>
        <source>A schedule needs a name: staff and rules show it by its name.</source>
        <translation>Ein Zeitplan braucht einen Namen: Mitarbeiter und Regeln zeigen ihn unter seinem Namen an.</translation>
    </message>
    <message>
        <source>The practice&apos;s time zone: every schedule&apos;s hours and closed days are read in it, and once the plan is saved the window shows every time in it.</source>
        <translation>Die Zeitzone der Praxis: Die Zeiten und Schließtage aller Zeitpläne gelten in ihr, und sobald der Plan gespeichert ist, zeigt das Fenster jede Uhrzeit in ihr an.</translation>
    </message>
</context>
<context>
    <name>SecretBox</name>
    <message>
        <source>The master key is not %1 bytes long, so no secret can be decrypted.</source>
        <translation>Der Hauptschlüssel ist nicht %1 Bytes lang, daher kann kein geheimer Wert entschlüsselt werden.</translation>
    </message>
    <message>
        <source>The stored secret is not in a format this version of Switchboard knows.</source>
        <translation>Der gespeicherte geheime Wert hat ein Format, das diese Switchboard-Version nicht kennt.</translation>
    </message>
    <message>
        <source>The stored secret is damaged (it is not a complete encrypted value).</source>
        <translation>Der gespeicherte geheime Wert ist beschädigt (kein vollständiger verschlüsselter Wert).</translation>
    </message>
    <message>
        <source>The stored secret could not be decrypted because the encryption library failed.</source>
        <translation>Der gespeicherte geheime Wert konnte nicht entschlüsselt werden, weil die Verschlüsselungsbibliothek versagt hat.</translation>
    </message>
    <message>
        <source>The stored secret cannot be decrypted: it was encrypted with a different master key, for a different setting, or has been altered.</source>
        <translation>Der gespeicherte geheime Wert kann nicht entschlüsselt werden: Er wurde mit einem anderen Hauptschlüssel oder für eine andere Einstellung verschlüsselt oder wurde verändert.</translation>
    </message>
</context>
<context>
    <name>ServeCommand</name>
    <message>
        <source>--listen: &quot;%1&quot; is not HOST:PORT (for example 127.0.0.1:8080).</source>
        <translation>--listen: „%1“ hat nicht die Form HOST:PORT (zum Beispiel 127.0.0.1:8080).</translation>
    </message>
    <message>
        <source>Cannot install the signal handlers.</source>
        <translation>Die Signalbehandlung lässt sich nicht einrichten.</translation>
    </message>
    <message>
        <source>Switchboard is routing calls on %1 (data: %2).</source>
        <translation>Switchboard leitet Anrufe auf %1 weiter (Daten: %2).</translation>
    </message>
    <message>
        <source>Voice webhook:   %1</source>
        <translation>Sprach-Webhook:  %1</translation>
    </message>
    <message>
        <source>Status callback: %1</source>
        <translation>Status-Callback: %1</translation>
    </message>
    <message>
        <source>Note: server.public_url is not set; Twilio needs a public URL (a tunnel or port-forward) to reach this machine.</source>
        <translation>Hinweis: server.public_url ist nicht gesetzt; Twilio braucht eine öffentliche URL (einen Tunnel oder eine Portweiterleitung), um diesen Rechner zu erreichen.</translation>
    </message>
    <message>
        <source>Warning: twilio.auth_token is not set; every webhook will be refused until it is.</source>
        <translation>Warnung: twilio.auth_token ist nicht gesetzt; bis dahin wird jeder Webhook abgelehnt.</translation>
    </message>
    <message>
        <source>Routing is off (routing.enabled=false): calls ring the fallback number.</source>
        <translation>Die Weiterleitung ist aus (routing.enabled=false): Anrufe klingeln bei der Ersatznummer.</translation>
    </message>
    <message>
        <source>Stopped.</source>
        <translation>Beendet.</translation>
    </message>
    <message>
        <source>serve takes no arguments besides its options.</source>
        <translation>serve nimmt außer seinen Optionen keine Argumente an.</translation>
    </message>
    <message>
        <source>server.listen changed: now listening on %1.</source>
        <translation>server.listen geändert: lauscht jetzt auf %1.</translation>
    </message>
    <message>
        <source>server.listen changed. %1. Still listening where it was.</source>
        <translation>server.listen geändert. %1. Lauscht weiter an der bisherigen Adresse.</translation>
    </message>
    <message>
        <source>--feed-listen: &quot;%1&quot; is not HOST:PORT (for example 127.0.0.1:8081).</source>
        <translation>--feed-listen: „%1“ ist nicht HOST:PORT (zum Beispiel 127.0.0.1:8081).</translation>
    </message>
    <message>
        <source>Live feed:       %1</source>
        <translation>Live-Übertragung: %1</translation>
    </message>
    <message>
        <source>Usage: switchboard serve [--listen HOST:PORT] [--feed-listen HOST:PORT] [--verbose]
Runs the call router without a window until SIGINT or SIGTERM. Listens on server.listen
(default 127.0.0.1:8080) unless --listen says otherwise, and serves the live feed for other
seats on feed.listen (default 127.0.0.1:8081) unless --feed-listen says otherwise. What it
does is also written to logs/switchboard.log in the data folder (5 MiB, then rotated; three
older files kept), with secrets and the webhook token redacted; under systemd, standard error
is the journal. --verbose adds a line for every webhook answered.
</source>
        <translation>Aufruf: switchboard serve [--listen HOST:PORT] [--feed-listen HOST:PORT] [--verbose]
Startet den Anruf-Router ohne Fenster bis SIGINT oder SIGTERM. Lauscht auf server.listen
(Standard 127.0.0.1:8080), sofern --listen nichts anderes sagt, und bietet anderen Plätzen die
Live-Übertragung auf feed.listen (Standard 127.0.0.1:8081), sofern --feed-listen nichts anderes
sagt. Was er tut, wird auch in logs/switchboard.log im Datenordner geschrieben (5 MiB, dann
rotiert; drei ältere Dateien bleiben), mit geschwärzten Geheimnissen und Webhook-Token; unter
systemd ist die Standardfehlerausgabe das Journal. --verbose fügt eine Zeile je beantwortetem Webhook hinzu.
</translation>
    </message>
</context>
<context>
    <name>SettingFields</name>
    <message>
        <source>Leave empty to keep the saved value.</source>
        <translation>Leer lassen, um den gespeicherten Wert zu behalten.</translation>
    </message>
</context>
<context>
    <name>Settings</name>
    <message>
        <source>Unknown setting &quot;%1&quot;; run `switchboard config list` to see them all.</source>
        <translation>Unbekannte Einstellung „%1“; `switchboard config list` zeigt alle an.</translation>
    </message>
    <message>
        <source>Unknown setting &quot;%1&quot; (did you mean &quot;%2&quot;?); run `switchboard config list` to see them all.</source>
        <translation>Unbekannte Einstellung „%1“ (meinten Sie „%2“?); `switchboard config list` zeigt alle.</translation>
    </message>
    <message>
        <source>%1: &quot;%2&quot; is not a web address; expected an absolute http or https URL such as %3.</source>
        <translation>%1: „%2“ ist keine Webadresse; erwartet wird eine absolute http- oder https-URL wie %3.</translation>
    </message>
    <message>
        <source>%1: &quot;%2&quot; must not have a query (?…) or a fragment (#…).</source>
        <translation>%1: „%2“ darf keine Abfrage (?…) und kein Fragment (#…) enthalten.</translation>
    </message>
    <message>
        <source>%1: &quot;%2&quot; is not a phone number.</source>
        <translation>%1: „%2“ ist keine Telefonnummer.</translation>
    </message>
    <message>
        <source>%1 cannot be empty; run `switchboard config unset %1` to clear it.</source>
        <translation>%1 darf nicht leer sein; `switchboard config unset %1` löscht den Wert.</translation>
    </message>
    <message>
        <source>%1: &quot;%2&quot; is not an account SID; expected AC followed by 32 hexadecimal digits.</source>
        <translation>%1: „%2“ ist keine Account SID; erwartet wird AC gefolgt von 32 Hexadezimalziffern.</translation>
    </message>
    <message>
        <source>%1 must be a single word with no spaces.</source>
        <translation>%1 muss ein einzelnes Wort ohne Leerzeichen sein.</translation>
    </message>
    <message>
        <source>%1: &quot;%2&quot; is not a host name; expected letters, digits, dots and hyphens, optionally followed by :PORT.</source>
        <translation>%1: „%2“ ist kein Hostname; erwartet werden Buchstaben, Ziffern, Punkte und Bindestriche, optional gefolgt von :PORT.</translation>
    </message>
    <message>
        <source>%1 must be a whole number from %2 to %3.</source>
        <translation>%1 muss eine ganze Zahl von %2 bis %3 sein.</translation>
    </message>
    <message>
        <source>%1 must be true or false.</source>
        <translation>%1 muss true oder false sein.</translation>
    </message>
    <message>
        <source>%1: &quot;%2&quot; is not a known region; expected a two-letter country code such as US or GB.</source>
        <translation>%1: „%2“ ist keine bekannte Region; erwartet wird ein zweibuchstabiger Ländercode wie US oder GB.</translation>
    </message>
    <message>
        <source>%1: &quot;%2&quot; is not HOST:PORT; expected for example 127.0.0.1:8080, [::1]:8080 or :8080, with a port from 1 to 65535.</source>
        <translation>%1: „%2“ ist nicht HOST:PORT; erwartet wird z. B. 127.0.0.1:8080, [::1]:8080 oder :8080, mit einem Port von 1 bis 65535.</translation>
    </message>
    <message>
        <source>%1 must be at least %2 characters of letters, digits, &quot;-&quot; and &quot;_&quot;.</source>
        <translation>%1 muss aus mindestens %2 Zeichen bestehen (Buchstaben, Ziffern, „-“ und „_“).</translation>
    </message>
    <message>
        <source>%1 could not be encrypted, so it was not saved.</source>
        <translation>%1 konnte nicht verschlüsselt werden und wurde daher nicht gespeichert.</translation>
    </message>
    <message>
        <source>The stored %1 cannot be decrypted: it was saved with a different master key (secret.key) or has been altered; set it again with `switchboard config set %1 VALUE`.</source>
        <translation>Der gespeicherte Wert %1 kann nicht entschlüsselt werden: Er wurde mit einem anderen Hauptschlüssel (secret.key) gespeichert oder verändert; setzen Sie ihn erneut mit `switchboard config set %1 WERT`.</translation>
    </message>
    <message>
        <source>Cannot create %1: the system has no source of secure random numbers.</source>
        <translation>%1 kann nicht angelegt werden: Das System hat keine Quelle für sichere Zufallszahlen.</translation>
    </message>
    <message>
        <source>%1: &quot;%2&quot; is not an API key SID; expected SK followed by 32 hexadecimal digits.</source>
        <translation>%1: „%2“ ist keine API-Key-SID; erwartet wird SK gefolgt von 32 Hexadezimalziffern.</translation>
    </message>
    <message>
        <source>%1: &quot;%2&quot; is not a web address; expected an absolute http or https URL such as https://example.com/fallback.</source>
        <translation>%1: „%2“ ist keine Webadresse; erwartet wird eine absolute http- oder https-URL wie https://example.com/fallback.</translation>
    </message>
    <message>
        <source>Enter the API key&apos;s secret too, or clear the API key SID to use the auth token.</source>
        <translation>Geben Sie auch das Secret des API-Keys ein oder leeren Sie die API-Key-SID, um den Auth Token zu verwenden.</translation>
    </message>
    <message>
        <source>Enter the API key SID (SK…) that goes with this secret.</source>
        <translation>Geben Sie die zu diesem Secret gehörende API-Key-SID (SK…) ein.</translation>
    </message>
    <message>
        <source>%1: cannot read &quot;%2&quot;: %3.</source>
        <translation>%1: „%2“ kann nicht gelesen werden: %3.</translation>
    </message>
    <message>
        <source>%1: &quot;%2&quot; holds no private key in PEM form (-----BEGIN PRIVATE KEY-----).</source>
        <translation>%1: „%2“ enthält keinen privaten Schlüssel im PEM-Format (-----BEGIN PRIVATE KEY-----).</translation>
    </message>
    <message>
        <source>%1: &quot;%2&quot; holds no certificate in PEM form (-----BEGIN CERTIFICATE-----).</source>
        <translation>%1: „%2“ enthält kein Zertifikat im PEM-Format (-----BEGIN CERTIFICATE-----).</translation>
    </message>
    <message>
        <source>%1 cannot be rotated; only feed.view_token and feed.control_token can.</source>
        <translation>%1 kann nicht erneuert werden; nur feed.view_token und feed.control_token können das.</translation>
    </message>
</context>
<context>
    <name>SettingsStore</name>
    <message>
        <source>Cannot read the setting %1: %2</source>
        <translation>Die Einstellung %1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>Cannot read the settings: %1</source>
        <translation>Die Einstellungen können nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>Cannot save the setting %1: %2</source>
        <translation>Die Einstellung %1 kann nicht gespeichert werden: %2</translation>
    </message>
    <message>
        <source>Cannot remove the setting %1: %2</source>
        <translation>Die Einstellung %1 kann nicht entfernt werden: %2</translation>
    </message>
</context>
<context>
    <name>SetupAssistant</name>
    <message>
        <source>Set up Switchboard</source>
        <translation>Switchboard einrichten</translation>
    </message>
</context>
<context>
    <name>SetupCheck</name>
    <message>
        <source>Copy the account SID, and the API key SID and secret, again from the Twilio console (Account → API keys &amp; tokens), then save.</source>
        <translation>Kopieren Sie die Account SID sowie API-Key-SID und -Secret erneut aus der Twilio-Konsole (Account → API keys &amp; tokens) und speichern Sie.</translation>
    </message>
    <message>
        <source>Copy the account SID and auth token again from the Twilio console (the Account Info box on its home page), then save.</source>
        <translation>Kopieren Sie Account SID und Auth Token erneut aus der Twilio-Konsole (Feld „Account Info“ auf der Startseite) und speichern Sie.</translation>
    </message>
    <message>
        <source>Twilio account</source>
        <translation>Twilio-Konto</translation>
    </message>
    <message>
        <source>The Twilio account SID or auth token is not set.</source>
        <translation>Twilio Account SID oder Auth Token ist nicht festgelegt.</translation>
    </message>
    <message>
        <source>Enter the account SID and auth token from the Twilio console (the Account Info box on its home page), then save.</source>
        <translation>Geben Sie Account SID und Auth Token aus der Twilio-Konsole ein (Feld „Account Info“ auf der Startseite) und speichern Sie.</translation>
    </message>
    <message>
        <source>with the API key %1</source>
        <translation>mit dem API-Key %1</translation>
    </message>
    <message>
        <source>with the auth token</source>
        <translation>mit dem Auth Token</translation>
    </message>
    <message>
        <source>Signed in to &quot;%1&quot; (%2) %3.</source>
        <translation>Angemeldet bei „%1“ (%2) %3.</translation>
    </message>
    <message>
        <source>Numbers point here</source>
        <translation>Nummern zeigen hierher</translation>
    </message>
    <message>
        <source>No phone numbers are chosen to be routed by this app.</source>
        <translation>Es sind keine Telefonnummern zur Weiterleitung durch diese App ausgewählt.</translation>
    </message>
    <message>
        <source>Under Numbers to route, load the numbers from Twilio, tick the ones this app should answer, and click Apply to Twilio.</source>
        <translation>Laden Sie unter „Weiterzuleitende Nummern“ die Nummern von Twilio, haken Sie die an, die diese App beantworten soll, und klicken Sie auf „Bei Twilio übernehmen“.</translation>
    </message>
    <message>
        <source>The public URL is not set, so there is no webhook URL the numbers could point to.</source>
        <translation>Die öffentliche URL ist nicht festgelegt, daher gibt es keine Webhook-URL, auf die die Nummern zeigen könnten.</translation>
    </message>
    <message>
        <source>Enter the public URL (the address of your tunnel or port-forward), save, and click Apply to Twilio.</source>
        <translation>Geben Sie die öffentliche URL ein (die Adresse Ihres Tunnels oder Ihrer Portweiterleitung), speichern Sie und klicken Sie auf „Bei Twilio übernehmen“.</translation>
    </message>
    <message>
        <source>The numbers cannot be checked without the Twilio credentials.</source>
        <translation>Ohne die Twilio-Zugangsdaten können die Nummern nicht geprüft werden.</translation>
    </message>
    <message>
        <source>Enter the account SID and auth token, then save.</source>
        <translation>Geben Sie Account SID und Auth Token ein und speichern Sie.</translation>
    </message>
    <message>
        <source>The numbers could not be checked: %1</source>
        <translation>Die Nummern konnten nicht geprüft werden: %1</translation>
    </message>
    <message>
        <source>%1 points here</source>
        <translation>%1 zeigt hierher</translation>
    </message>
    <message>
        <source>%1 is not a number of this Twilio account.</source>
        <translation>%1 ist keine Nummer dieses Twilio-Kontos.</translation>
    </message>
    <message>
        <source>Remove it from the numbers to route, or check that the account SID is the account that owns this number.</source>
        <translation>Entfernen Sie sie aus den weiterzuleitenden Nummern oder prüfen Sie, ob die Account SID zu dem Konto gehört, dem diese Nummer gehört.</translation>
    </message>
    <message>
        <source>Calls and call status changes come to this app.</source>
        <translation>Anrufe und Statusänderungen kommen bei dieser App an.</translation>
    </message>
    <message>
        <source>Now %1.</source>
        <translation>Derzeit %1.</translation>
    </message>
    <message>
        <source>In the Twilio console, open the number and set &quot;A call comes in&quot; to Webhook (not a TwiML App or SIP trunk), then click Apply to Twilio.</source>
        <translation>Öffnen Sie in der Twilio-Konsole die Nummer, stellen Sie „A call comes in“ auf Webhook (nicht TwiML-App oder SIP-Trunk) und klicken Sie dann auf „Bei Twilio übernehmen“.</translation>
    </message>
    <message>
        <source>Click Apply to Twilio to point it here.</source>
        <translation>Klicken Sie auf „Bei Twilio übernehmen“, um sie hierher zu leiten.</translation>
    </message>
    <message>
        <source>Twilio can reach this computer</source>
        <translation>Twilio erreicht diesen Rechner</translation>
    </message>
    <message>
        <source>The public URL is not set.</source>
        <translation>Die öffentliche URL ist nicht festgelegt.</translation>
    </message>
    <message>
        <source>Start a tunnel (for example Cloudflare Tunnel or ngrok) to %1, or forward a port on the office router, and enter its https address as the public URL.</source>
        <translation>Starten Sie einen Tunnel (zum Beispiel Cloudflare Tunnel oder ngrok) zu %1 oder richten Sie am Router der Praxis eine Portweiterleitung ein, und geben Sie dessen https-Adresse als öffentliche URL ein.</translation>
    </message>
    <message>
        <source>The auth token is not set, so this app refuses every call from Twilio.</source>
        <translation>Der Auth Token ist nicht festgelegt, daher weist diese App jeden Anruf von Twilio ab.</translation>
    </message>
    <message>
        <source>Enter the auth token from the Twilio console, then save.</source>
        <translation>Geben Sie den Auth Token aus der Twilio-Konsole ein und speichern Sie.</translation>
    </message>
    <message>
        <source>The network access has been shut down.</source>
        <translation>Der Netzwerkzugriff wurde beendet.</translation>
    </message>
    <message>
        <source>Restart the app.</source>
        <translation>Starten Sie die App neu.</translation>
    </message>
    <message>
        <source>Nothing answered at %1 within %2 seconds.</source>
        <translation>Unter %1 hat innerhalb von %2 Sekunden nichts geantwortet.</translation>
    </message>
    <message>
        <source>Check that the tunnel (or port-forward) is running and forwards to %1, and that the public URL is its current address.</source>
        <translation>Prüfen Sie, ob der Tunnel (oder die Portweiterleitung) läuft und an %1 weiterleitet und ob die öffentliche URL seine aktuelle Adresse ist.</translation>
    </message>
    <message>
        <source>Could not reach %1: %2.</source>
        <translation>%1 ist nicht erreichbar: %2.</translation>
    </message>
    <message>
        <source>A signed test request to %1 reached this app.</source>
        <translation>Eine signierte Testanfrage an %1 hat diese App erreicht.</translation>
    </message>
    <message>
        <source>A Switchboard at %1 refused the signed test request: %2</source>
        <translation>Ein Switchboard unter %1 hat die signierte Testanfrage abgelehnt: %2</translation>
    </message>
    <message>
        <source>Another computer or an old copy of this app answers at the public URL: point the tunnel at %1 on this computer.</source>
        <translation>Unter der öffentlichen URL antwortet ein anderer Rechner oder eine alte Kopie dieser App: Richten Sie den Tunnel auf %1 auf diesem Rechner.</translation>
    </message>
    <message>
        <source>%1 redirects to %2, which Twilio does not follow.</source>
        <translation>%1 leitet auf %2 um; dem folgt Twilio nicht.</translation>
    </message>
    <message>
        <source>Enter the address it redirects to (often https:// instead of http://) as the public URL.</source>
        <translation>Geben Sie die Adresse, auf die umgeleitet wird (oft https:// statt http://), als öffentliche URL ein.</translation>
    </message>
    <message>
        <source>The tunnel at %1 answered HTTP %2: it cannot reach this app.</source>
        <translation>Der Tunnel unter %1 antwortete HTTP %2: Er erreicht diese App nicht.</translation>
    </message>
    <message>
        <source>Make sure the tunnel forwards to %1 and that the router is running (see the status bar).</source>
        <translation>Stellen Sie sicher, dass der Tunnel an %1 weiterleitet und der Router läuft (siehe Statusleiste).</translation>
    </message>
    <message>
        <source>Something at %1 answered HTTP %2, but not the way this app does.</source>
        <translation>Unter %1 antwortete etwas mit HTTP %2, aber nicht so, wie diese App es tut.</translation>
    </message>
    <message>
        <source>Make sure the public URL is the address of the tunnel (or port-forward) to %1, with no extra path.</source>
        <translation>Stellen Sie sicher, dass die öffentliche URL die Adresse des Tunnels (oder der Portweiterleitung) zu %1 ist, ohne zusätzlichen Pfad.</translation>
    </message>
    <message>
        <source>Retell AI voice agent</source>
        <translation>Retell-AI-Sprachagent</translation>
    </message>
    <message>
        <source>The Retell API key or voice agent ID is not set, so callers with a booking ring the fallback number instead.</source>
        <translation>Retell-API-Key oder Voice-Agent-ID ist nicht festgelegt, daher klingeln Anrufer mit Termin stattdessen bei der Ersatznummer.</translation>
    </message>
    <message>
        <source>Enter the API key and the voice agent&apos;s ID from the Retell dashboard, then save.</source>
        <translation>Geben Sie den API-Key und die ID des Voice-Agents aus dem Retell-Dashboard ein und speichern Sie.</translation>
    </message>
    <message>
        <source>Copy the API key and the voice agent&apos;s ID again from the Retell dashboard (a chat agent cannot take calls), then save.</source>
        <translation>Kopieren Sie API-Key und ID des Voice-Agents erneut aus dem Retell-Dashboard (ein Chat-Agent kann keine Anrufe annehmen) und speichern Sie.</translation>
    </message>
    <message>
        <source>Retell answers for the voice agent &quot;%1&quot;.</source>
        <translation>Retell antwortet für den Voice-Agent „%1“.</translation>
    </message>
    <message>
        <source>Fallback number</source>
        <translation>Ersatznummer</translation>
    </message>
    <message>
        <source>Enter the phone number that should ring when nobody else can take a call, for example the front desk&apos;s mobile phone, then save.</source>
        <translation>Geben Sie die Telefonnummer ein, die klingeln soll, wenn sonst niemand einen Anruf annehmen kann, zum Beispiel das Handy des Empfangs, und speichern Sie.</translation>
    </message>
    <message>
        <source>No fallback number is set, so a call that the AI agent cannot take has nowhere to go.</source>
        <translation>Es ist keine Ersatznummer festgelegt, daher kann ein Anruf, den der KI-Agent nicht annehmen kann, nirgendwohin.</translation>
    </message>
    <message>
        <source>%1 is one of the numbers this app answers, so a call would ring itself.</source>
        <translation>%1 ist eine der Nummern, die diese App beantwortet; ein Anruf würde sich also selbst anrufen.</translation>
    </message>
    <message>
        <source>Enter a phone that a person answers, not one of the Twilio numbers.</source>
        <translation>Geben Sie ein Telefon ein, an das ein Mensch geht, keine der Twilio-Nummern.</translation>
    </message>
    <message>
        <source>%1 rings when nobody else can take a call.</source>
        <translation>%1 klingelt, wenn sonst niemand einen Anruf annehmen kann.</translation>
    </message>
    <message>
        <source>Check this computer&apos;s internet connection (can it open a web page?), then check again; the credentials could not be checked meanwhile.</source>
        <translation>Prüfen Sie die Internetverbindung dieses Rechners (lässt sich eine Webseite öffnen?) und prüfen Sie dann erneut; die Zugangsdaten konnten so lange nicht geprüft werden.</translation>
    </message>
    <message>
        <source>Calls and call status changes come to this app, but when this computer cannot answer, callers hear Twilio&apos;s error message.</source>
        <translation>Anrufe und Statusänderungen kommen zu dieser App, aber wenn dieser Rechner nicht antworten kann, hören Anrufer die Fehlermeldung von Twilio.</translation>
    </message>
    <message>
        <source>Click Apply to Twilio: it sets up a fallback on Twilio that rings the fallback number.</source>
        <translation>Klicken Sie auf „Bei Twilio übernehmen“: Das richtet bei Twilio eine Ersatzlösung ein, die die Ersatznummer anruft.</translation>
    </message>
    <message>
        <source>Calls and call status changes come to this app, but when this computer cannot answer, Twilio turns to %1 instead of the fallback set up for it.</source>
        <translation>Anrufe und Statusänderungen kommen zu dieser App, aber wenn dieser Rechner nicht antworten kann, wendet sich Twilio an %1 statt an die dafür eingerichtete Ersatzlösung.</translation>
    </message>
    <message>
        <source>nothing</source>
        <translation>nichts</translation>
    </message>
    <message>
        <source>Click Apply to Twilio.</source>
        <translation>Klicken Sie auf „Bei Twilio übernehmen“.</translation>
    </message>
    <message>
        <source>Twilio calls from the internet: start a tunnel (for example Cloudflare Tunnel or ngrok) to %1 and enter its https address as the public URL, or forward a port of the office router to this computer, give it a TLS certificate and enter that https address.</source>
        <translation>Twilio ruft aus dem Internet an: Starten Sie einen Tunnel (zum Beispiel Cloudflare Tunnel oder ngrok) zu %1 und tragen Sie dessen https-Adresse als öffentliche URL ein, oder leiten Sie einen Port des Büro-Routers an diesen Rechner weiter, geben Sie ihm ein TLS-Zertifikat und tragen Sie diese https-Adresse ein.</translation>
    </message>
    <message>
        <source> It leads to port %1 of this computer, but the router listens on port %2 (server.listen).</source>
        <translation> Sie führt zu Port %1 dieses Rechners, aber der Router lauscht auf Port %2 (server.listen).</translation>
    </message>
    <message>
        <source> It leads to %1 of this computer, but the router listens on %2, which only this computer reaches.</source>
        <translation> Sie führt zu %1 dieses Rechners, aber der Router lauscht auf %2, das nur dieser Rechner erreicht.</translation>
    </message>
    <message>
        <source>Twilio cannot reach %1: %2.</source>
        <translation>Twilio kann %1 nicht erreichen: %2.</translation>
    </message>
    <message>
        <source>The public URL&apos;s host %1 cannot be found: either this computer has no internet connection, or the name no longer exists (some tunnels get a new address each time they start).</source>
        <translation>Der Host %1 der öffentlichen URL wird nicht gefunden: Entweder hat dieser Rechner keine Internetverbindung, oder den Namen gibt es nicht mehr (manche Tunnel erhalten bei jedem Start eine neue Adresse).</translation>
    </message>
    <message>
        <source>Check the internet connection; if it works, enter the tunnel&apos;s current address as the public URL.</source>
        <translation>Prüfen Sie die Internetverbindung; wenn sie funktioniert, tragen Sie die aktuelle Adresse des Tunnels als öffentliche URL ein.</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>The public URL&apos;s host %1 leads to %2: Twilio cannot reach that.</source>
        <translation>Der Host %1 der öffentlichen URL führt zu %2: Das kann Twilio nicht erreichen.</translation>
    </message>
    <message>
        <source>The public URL %1 names this computer.</source>
        <translation>Die öffentliche URL %1 bezeichnet diesen Rechner.</translation>
    </message>
    <message>
        <source>Make the router&apos;s listening address (server.listen) and the public URL&apos;s port agree, or forward the public port to the one the router listens on.</source>
        <translation>Bringen Sie die Adresse, auf der der Router lauscht (server.listen), und den Port der öffentlichen URL in Einklang, oder leiten Sie den öffentlichen Port an den weiter, auf dem der Router lauscht.</translation>
    </message>
    <message>
        <source>The public URL %1 is plain http: Twilio&apos;s requests, with what callers said and typed, would cross the internet unencrypted.</source>
        <translation>Die öffentliche URL %1 ist reines http: Twilios Anfragen, mit dem, was Anrufer gesagt und getippt haben, gingen unverschlüsselt durch das Internet.</translation>
    </message>
    <message>
        <source>When this computer cannot answer</source>
        <translation>Wenn dieser Rechner nicht antworten kann</translation>
    </message>
    <message>
        <source>Click Apply to Twilio (or run `switchboard twilio apply`): it sets up a flow on Twilio that rings the fallback number.</source>
        <translation>Klicken Sie auf „Bei Twilio übernehmen“ (oder führen Sie `switchboard twilio apply` aus): Das richtet bei Twilio einen Ablauf ein, der die Ersatznummer anruft.</translation>
    </message>
    <message>
        <source>Nothing is set up: when this computer is off, asleep or offline, callers hear Twilio&apos;s error message.</source>
        <translation>Nichts ist eingerichtet: Wenn dieser Rechner aus ist, schläft oder offline ist, hören Anrufer die Fehlermeldung von Twilio.</translation>
    </message>
    <message>
        <source>Twilio turns to your own fallback URL %1; what it does is up to it.</source>
        <translation>Twilio wendet sich an Ihre eigene Ersatz-URL %1; was sie tut, liegt bei ihr.</translation>
    </message>
    <message>
        <source>The fallback cannot be checked without the Twilio credentials.</source>
        <translation>Die Ersatzlösung kann ohne die Twilio-Zugangsdaten nicht geprüft werden.</translation>
    </message>
    <message>
        <source>The fallback could not be checked: %1</source>
        <translation>Die Ersatzlösung konnte nicht geprüft werden: %1</translation>
    </message>
    <message>
        <source>The Studio flow %1 is not the one Switchboard made (it was changed in the Twilio console?).</source>
        <translation>Der Studio-Ablauf %1 ist nicht der, den Switchboard angelegt hat (wurde er in der Twilio-Konsole geändert?).</translation>
    </message>
    <message>
        <source>The Studio flow %1 is not published, so Twilio does not run it.</source>
        <translation>Der Studio-Ablauf %1 ist nicht veröffentlicht, daher führt Twilio ihn nicht aus.</translation>
    </message>
    <message>
        <source>Twilio %1, but with the current settings it should: %2.</source>
        <translation>Twilio %1, mit den aktuellen Einstellungen sollte es aber: %2.</translation>
    </message>
    <message>
        <source>Click Apply to Twilio to bring it up to date.</source>
        <translation>Klicken Sie auf „Bei Twilio übernehmen“, um ihn auf den neuesten Stand zu bringen.</translation>
    </message>
    <message>
        <source>Twilio %1.</source>
        <translation>Twilio %1.</translation>
    </message>
</context>
<context>
    <name>SetupGuide</name>
    <message>
        <source>Switchboard set-up guide</source>
        <translation>Switchboard-Einrichtungsanleitung</translation>
    </message>
    <message>
        <source>The guide is missing from this build.</source>
        <translation>Die Anleitung fehlt in diesem Build.</translation>
    </message>
</context>
<context>
    <name>SetupPanel</name>
    <message>
        <source>a TwiML App (%1)</source>
        <translation>eine TwiML-App (%1)</translation>
    </message>
    <message>
        <source>a SIP trunk (%1)</source>
        <translation>einen SIP-Trunk (%1)</translation>
    </message>
    <message>
        <source>this app</source>
        <translation>diese App</translation>
    </message>
    <message>
        <source>this app (status changes elsewhere)</source>
        <translation>diese App (Statusänderungen anderswohin)</translation>
    </message>
    <message>
        <source>nowhere (no voice URL)</source>
        <translation>nirgendwohin (keine Voice-URL)</translation>
    </message>
    <message>
        <source>Setup</source>
        <translation>Einrichtung</translation>
    </message>
    <message>
        <source>Connect Switchboard to your Twilio phone numbers and your Retell AI receptionist. Changes apply from the next call.</source>
        <translation>Verbinden Sie Switchboard mit Ihren Twilio-Telefonnummern und Ihrer Retell-KI-Rezeption. Änderungen gelten ab dem nächsten Anruf.</translation>
    </message>
    <message>
        <source>Working</source>
        <translation>In Arbeit</translation>
    </message>
    <message>
        <source>Twilio: your phone numbers</source>
        <translation>Twilio: Ihre Telefonnummern</translation>
    </message>
    <message>
        <source>Account SID</source>
        <translation>Account SID</translation>
    </message>
    <message>
        <source>AC followed by 32 letters and digits</source>
        <translation>AC gefolgt von 32 Buchstaben und Ziffern</translation>
    </message>
    <message>
        <source>Auth token</source>
        <translation>Auth Token</translation>
    </message>
    <message>
        <source>Both are in the Account Info box on the Twilio console&apos;s home page.</source>
        <translation>Beides finden Sie im Feld „Account Info“ auf der Startseite der Twilio-Konsole.</translation>
    </message>
    <message>
        <source>API key SID</source>
        <translation>API-Key-SID</translation>
    </message>
    <message>
        <source>optional: SK…, used instead of the auth token</source>
        <translation>optional: SK…, wird statt des Auth Tokens verwendet</translation>
    </message>
    <message>
        <source>API key secret</source>
        <translation>API-Key-Secret</translation>
    </message>
    <message>
        <source>Secrets are never shown. Leave a secret empty to keep the saved one.</source>
        <translation>Geheime Werte werden nie angezeigt. Lassen Sie ein Feld leer, um den gespeicherten Wert zu behalten.</translation>
    </message>
    <message>
        <source>Retell AI: the voice agent for callers with a booking</source>
        <translation>Retell AI: der Sprachagent für Anrufer mit Termin</translation>
    </message>
    <message>
        <source>API key</source>
        <translation>API-Key</translation>
    </message>
    <message>
        <source>Voice agent ID</source>
        <translation>Voice-Agent-ID</translation>
    </message>
    <message>
        <source>agent_…</source>
        <translation>agent_…</translation>
    </message>
    <message>
        <source>From the Retell dashboard; a chat agent cannot take phone calls.</source>
        <translation>Aus dem Retell-Dashboard; ein Chat-Agent kann keine Telefonanrufe annehmen.</translation>
    </message>
    <message>
        <source>Calls</source>
        <translation>Anrufe</translation>
    </message>
    <message>
        <source>Fallback number</source>
        <translation>Ersatznummer</translation>
    </message>
    <message>
        <source>for example (555) 010-2030</source>
        <translation>zum Beispiel (555) 010-2030</translation>
    </message>
    <message>
        <source>Rings when the AI agent cannot take a call or nobody else answers.</source>
        <translation>Klingelt, wenn der KI-Agent einen Anruf nicht annehmen kann oder sonst niemand abnimmt.</translation>
    </message>
    <message>
        <source>Default region</source>
        <translation>Standardregion</translation>
    </message>
    <message>
        <source>Two-letter country code for numbers written without +.</source>
        <translation>Zweibuchstabiger Ländercode für Nummern ohne +.</translation>
    </message>
    <message>
        <source>Routing enabled</source>
        <translation>Weiterleitung aktiv</translation>
    </message>
    <message>
        <source>Connection: how Twilio reaches this computer</source>
        <translation>Verbindung: wie Twilio diesen Rechner erreicht</translation>
    </message>
    <message>
        <source>Public URL</source>
        <translation>Öffentliche URL</translation>
    </message>
    <message>
        <source>https://frontdesk.example.net</source>
        <translation>https://frontdesk.example.net</translation>
    </message>
    <message>
        <source>The address of your tunnel or port-forward to this computer.</source>
        <translation>Die Adresse Ihres Tunnels oder Ihrer Portweiterleitung zu diesem Rechner.</translation>
    </message>
    <message>
        <source>Webhook URL</source>
        <translation>Webhook-URL</translation>
    </message>
    <message>
        <source>Status callback URL</source>
        <translation>Status-Callback-URL</translation>
    </message>
    <message>
        <source>Backup URL</source>
        <translation>Ersatz-URL</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Speichern</translation>
    </message>
    <message>
        <source>Numbers to route</source>
        <translation>Weiterzuleitende Nummern</translation>
    </message>
    <message>
        <source>Load numbers from Twilio</source>
        <translation>Nummern von Twilio laden</translation>
    </message>
    <message>
        <source>Tick the numbers this app should answer.</source>
        <translation>Haken Sie die Nummern an, die diese App beantworten soll.</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>Nummer</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Calls go to now</source>
        <translation>Anrufe gehen derzeit an</translation>
    </message>
    <message>
        <source>Type a Twilio number, e.g. +1 555 765 4321</source>
        <translation>Twilio-Nummer eingeben, z. B. +1 555 765 4321</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>Hinzufügen</translation>
    </message>
    <message>
        <source>Apply to Twilio</source>
        <translation>Bei Twilio übernehmen</translation>
    </message>
    <message>
        <source>Check setup</source>
        <translation>Einrichtung prüfen</translation>
    </message>
    <message>
        <source>Tries the accounts and the numbers, and whether Twilio can reach this computer. Nothing is changed.</source>
        <translation>Prüft die Konten und Nummern und ob Twilio diesen Rechner erreicht. Es wird nichts geändert.</translation>
    </message>
    <message>
        <source>set the public URL first</source>
        <translation>zuerst die öffentliche URL festlegen</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Kopieren</translation>
    </message>
    <message>
        <source>Copy the %1</source>
        <translation>%1 kopieren</translation>
    </message>
    <message>
        <source>Copied</source>
        <translation>Kopiert</translation>
    </message>
    <message>
        <source>(load the list to see)</source>
        <translation>(Liste laden, um es zu sehen)</translation>
    </message>
    <message>
        <source>On: calls follow the routing plan.</source>
        <translation>Ein: Anrufe folgen dem Weiterleitungsplan.</translation>
    </message>
    <message>
        <source>Paused: every call rings the fallback number.</source>
        <translation>Pausiert: Jeder Anruf geht an die Ersatznummer.</translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation>Nicht gespeichert: %1</translation>
    </message>
    <message>
        <source>Not saved: one entry needs fixing (marked in red).</source>
        <translation>Nicht gespeichert: Ein Eintrag muss korrigiert werden (rot markiert).</translation>
    </message>
    <message>
        <source>Not saved: %1 entries need fixing (marked in red).</source>
        <translation>Nicht gespeichert: %1 Einträge müssen korrigiert werden (rot markiert).</translation>
    </message>
    <message>
        <source>Saved at %1. Changes apply from the next call.</source>
        <translation>Gespeichert um %1. Änderungen gelten ab dem nächsten Anruf.</translation>
    </message>
    <message>
        <source>not on this Twilio account</source>
        <translation>nicht in diesem Twilio-Konto</translation>
    </message>
    <message>
        <source>This Twilio account has no phone numbers yet. Buy one in the Twilio console first.</source>
        <translation>Dieses Twilio-Konto hat noch keine Telefonnummern. Kaufen Sie zuerst eine in der Twilio-Konsole.</translation>
    </message>
    <message>
        <source>entered by hand</source>
        <translation>von Hand eingegeben</translation>
    </message>
    <message>
        <source>(not checked with Twilio)</source>
        <translation>(nicht mit Twilio abgeglichen)</translation>
    </message>
    <message>
        <source>Fix the entries marked in red first: the numbers are loaded with the saved account.</source>
        <translation>Korrigieren Sie zuerst die rot markierten Einträge: Die Nummern werden mit dem gespeicherten Konto geladen.</translation>
    </message>
    <message>
        <source>Enter the Twilio account SID and auth token first, then load the numbers.</source>
        <translation>Geben Sie zuerst die Twilio Account SID und den Auth Token ein und laden Sie dann die Nummern.</translation>
    </message>
    <message>
        <source>Loading the numbers from Twilio…</source>
        <translation>Nummern werden von Twilio geladen…</translation>
    </message>
    <message>
        <source>The list could not be loaded: %1 You can type the numbers below instead.</source>
        <translation>Die Liste konnte nicht geladen werden: %1 Sie können die Nummern stattdessen unten eingeben.</translation>
    </message>
    <message>
        <source>Nothing was sent to Twilio: fix the entries marked in red first.</source>
        <translation>Nichts wurde an Twilio gesendet: Korrigieren Sie zuerst die rot markierten Einträge.</translation>
    </message>
    <message>
        <source>Pointing the numbers at this app…</source>
        <translation>Nummern werden auf diese App umgestellt…</translation>
    </message>
    <message>
        <source>Your entries</source>
        <translation>Ihre Eingaben</translation>
    </message>
    <message>
        <source>Some entries are not valid, so they were not saved.</source>
        <translation>Einige Eingaben sind ungültig und wurden daher nicht gespeichert.</translation>
    </message>
    <message>
        <source>Fix the entries marked in red, then check again.</source>
        <translation>Korrigieren Sie die rot markierten Einträge und prüfen Sie erneut.</translation>
    </message>
    <message>
        <source>Checking the setup…</source>
        <translation>Einrichtung wird geprüft…</translation>
    </message>
    <message>
        <source>Fix:</source>
        <translation>Lösung:</translation>
    </message>
    <message>
        <source>Start Switchboard when I log in</source>
        <translation>Switchboard bei meiner Anmeldung starten</translation>
    </message>
    <message>
        <source>Opens in the system tray, so that calls are answered again after a restart.</source>
        <translation>Öffnet sich im Infobereich, damit nach einem Neustart wieder Anrufe angenommen werden.</translation>
    </message>
    <message>
        <source>set by Apply to Twilio</source>
        <translation>wird von „Bei Twilio übernehmen“ gesetzt</translation>
    </message>
    <message>
        <source>Where Twilio turns when this computer cannot be reached. Apply to Twilio sets up a flow on Twilio that rings the fallback number; enter an address of your own only to use it instead.</source>
        <translation>Wohin sich Twilio wendet, wenn dieser Rechner nicht erreichbar ist. „Bei Twilio übernehmen“ richtet bei Twilio einen Ablauf ein, der die Ersatznummer anruft; tragen Sie nur dann eine eigene Adresse ein, wenn diese stattdessen gelten soll.</translation>
    </message>
    <message>
        <source>Points the ticked numbers&apos; calls and status changes at this app, and has Twilio ring the fallback number when this computer cannot answer.</source>
        <translation>Leitet die Anrufe und Statusänderungen der angehakten Nummern an diese App und lässt Twilio die Ersatznummer anrufen, wenn dieser Rechner nicht antworten kann.</translation>
    </message>
    <message>
        <source>Not saved yet: press Save to route calls by the plan.</source>
        <translation>Noch nicht gespeichert: Klicken Sie auf „Speichern“, damit Anrufe nach dem Plan geleitet werden.</translation>
    </message>
    <message>
        <source>Not saved yet: press Save to pause routing.</source>
        <translation>Noch nicht gespeichert: Klicken Sie auf „Speichern“, um die Weiterleitung anzuhalten.</translation>
    </message>
    <message>
        <source>Run the assistant again</source>
        <translation>Assistenten erneut ausführen</translation>
    </message>
    <message>
        <source>Goes through set-up page by page, with what is saved already filled in.</source>
        <translation>Geht die Einrichtung Seite für Seite durch, mit dem bereits Gespeicherten ausgefüllt.</translation>
    </message>
</context>
<context>
    <name>ShownClock</name>
    <message>
        <source>Times are in %1 time (%2).</source>
        <translation>Uhrzeiten in der Zeitzone %1 (%2).</translation>
    </message>
    <message>
        <source>Today %1</source>
        <translation>Heute %1</translation>
    </message>
    <message>
        <source>Tomorrow %1</source>
        <translation>Morgen %1</translation>
    </message>
    <message>
        <source>Yesterday %1</source>
        <translation>Gestern %1</translation>
    </message>
</context>
<context>
    <name>SimulateCommand</name>
    <message>
        <source>Call from %1 to %2 on %3 (%4)</source>
        <translation>Anruf von %1 an %2 am %3 (%4)</translation>
    </message>
    <message>
        <source>a number without its own plan</source>
        <translation>eine Nummer ohne eigenen Plan</translation>
    </message>
    <message>
        <source>Caller: %1, no active booking</source>
        <translation>Anrufer: %1, kein aktiver Termin</translation>
    </message>
    <message>
        <source>Caller: %1, active booking %2</source>
        <translation>Anrufer: %1, aktiver Termin %2</translation>
    </message>
    <message>
        <source>Caller: not a saved customer</source>
        <translation>Anrufer: kein gespeicherter Kunde</translation>
    </message>
    <message>
        <source>Refused by the allow/block lists.</source>
        <translation>Von den Erlaubt-/Sperrlisten abgewiesen.</translation>
    </message>
    <message>
        <source>Rule: none applies; the never-drop order takes over.</source>
        <translation>Regel: Keine gilt; die Auffangreihenfolge übernimmt.</translation>
    </message>
    <message>
        <source>Rule: &quot;%1&quot;, because %2.</source>
        <translation>Regel: „%1“, weil %2.</translation>
    </message>
    <message>
        <source>Dialed in this order (people within a tier are shuffled on each call):</source>
        <translation>In dieser Reihenfolge gewählt (Personen einer Stufe werden bei jedem Anruf gemischt):</translation>
    </message>
    <message>
        <source>tier %1</source>
        <translation>Stufe %1</translation>
    </message>
    <message>
        <source>Skipped:</source>
        <translation>Übersprungen:</translation>
    </message>
    <message>
        <source>Steps, if nobody answers:</source>
        <translation>Schritte, wenn niemand abnimmt:</translation>
    </message>
    <message>
        <source>The caller&apos;s number (or &quot;anonymous&quot;).</source>
        <translation>Die Nummer des Anrufers (oder &quot;anonymous&quot;).</translation>
    </message>
    <message>
        <source>The number called (default: the first of twilio.numbers).</source>
        <translation>Die angerufene Nummer (Standard: die erste aus twilio.numbers).</translation>
    </message>
    <message>
        <source>When the call comes in, ISO 8601; without an offset, in the plan&apos;s time zone (default: now).</source>
        <translation>Wann der Anruf eingeht, ISO 8601; ohne Zeitzonenangabe in der Zeitzone des Plans (Standard: jetzt).</translation>
    </message>
    <message>
        <source>The keys the caller presses, one per menu prompt.</source>
        <translation>Die Tasten, die der Anrufer drückt, eine pro Menüansage.</translation>
    </message>
    <message>
        <source>JSON output.</source>
        <translation>Ausgabe als JSON.</translation>
    </message>
    <message>
        <source>Usage: switchboard simulate --from NUMBER [--to NUMBER] [--at ISO8601] [--digits D] [--json]
Runs the routing plan on a made-up call against the saved customers and bookings and prints
the path it would take: the rule that applies and why, who would be rung in what order and
who is skipped and why, and the TwiML of each step. Nobody is called and nothing is written
to the call log; nobody answers, so the path goes on to its very end.
</source>
        <translation>Aufruf: switchboard simulate --from NUMMER [--to NUMMER] [--at ISO8601] [--digits D] [--json]
Spielt den Weiterleitungsplan mit einem ausgedachten Anruf gegen die gespeicherten Kunden und
Termine durch und zeigt den Weg, den er nehmen würde: die geltende Regel und warum, wer in
welcher Reihenfolge angerufen und wer warum übersprungen würde, und das TwiML jedes Schritts.
Niemand wird angerufen und nichts ins Anrufprotokoll geschrieben; niemand nimmt ab, daher
läuft der Weg bis zu seinem Ende.
</translation>
    </message>
    <message>
        <source>--at: &quot;%1&quot; is not an ISO 8601 time such as 2026-12-24T09:30 or 2026-12-24T09:30:00-05:00.</source>
        <translation>--at: „%1“ ist keine ISO-8601-Zeit wie 2026-12-24T09:30 oder 2026-12-24T09:30:00-05:00.</translation>
    </message>
    <message>
        <source>--digits: &quot;%1&quot; is not a phone key.</source>
        <translation>--digits: „%1“ ist keine Telefontaste.</translation>
    </message>
</context>
<context>
    <name>StaffPanel</name>
    <message>
        <source>Staff &amp; schedules</source>
        <translation>Mitarbeiter &amp; Zeitpläne</translation>
    </message>
    <message>
        <source>Staff</source>
        <translation>Mitarbeiter</translation>
    </message>
    <message>
        <source>Teams</source>
        <translation>Teams</translation>
    </message>
    <message>
        <source>Schedules</source>
        <translation>Zeitpläne</translation>
    </message>
</context>
<context>
    <name>StaffTab</name>
    <message>
        <source>&amp;Add person</source>
        <translation>Person &amp;hinzufügen</translation>
    </message>
    <message>
        <source>&amp;Remove person…</source>
        <translation>Person &amp;entfernen…</translation>
    </message>
    <message>
        <source>Ac&amp;tive: calls may ring this person</source>
        <translation>&amp;Aktiv: Anrufe dürfen bei dieser Person klingeln</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Telefon</translation>
    </message>
    <message>
        <source>On-call hours</source>
        <translation>Bereitschaftszeiten</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Aktiv</translation>
    </message>
    <message>
        <source>No staff yet. Add the people who answer calls.</source>
        <translation>Noch keine Mitarbeiter. Fügen Sie die Personen hinzu, die Anrufe annehmen.</translation>
    </message>
    <message>
        <source>e.g. Alice Ng</source>
        <translation>z. B. Anna Weber</translation>
    </message>
    <message>
        <source>e.g. (555) 111-0001</source>
        <translation>z. B. (555) 111-0001</translation>
    </message>
    <message>
        <source>None</source>
        <translation>Keine</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>&amp;Phone:</source>
        <translation>&amp;Telefon:</translation>
    </message>
    <message>
        <source>The number calls are put through to, as you would dial it. It is saved with its country code.</source>
        <translation>Die Nummer, an die Anrufe durchgestellt werden, so wie Sie sie wählen würden. Sie wird mit Ländervorwahl gespeichert.</translation>
    </message>
    <message>
        <source>Untick while someone is away: they keep their place in teams but are not rung.</source>
        <translation>Entfernen Sie den Haken, solange jemand abwesend ist: Die Person behält ihren Platz in den Teams, wird aber nicht angerufen.</translation>
    </message>
    <message>
        <source>On-call &amp;hours:</source>
        <translation>&amp;Bereitschaftszeiten:</translation>
    </message>
    <message>
        <source>Calls ring this person only within these hours. Set the hours in the Schedules tab.</source>
        <translation>Anrufe klingeln bei dieser Person nur innerhalb dieser Zeiten. Die Zeiten legen Sie im Tab „Zeitpläne“ fest.</translation>
    </message>
    <message>
        <source>Answers calls &amp;to:</source>
        <translation>&amp;Zuständig für Nummern:</translation>
    </message>
    <message>
        <source>Your practice&apos;s numbers that this person answers, separated by commas. A rule can ring a number&apos;s owner first.</source>
        <translation>Die Nummern Ihrer Praxis, deren Anrufe diese Person annimmt, durch Kommas getrennt. Eine Regel kann zuerst die Person anrufen, der eine Nummer gehört.</translation>
    </message>
    <message>
        <source>Select a person to see and change their details.</source>
        <translation>Wählen Sie eine Person, um ihre Angaben zu sehen und zu ändern.</translation>
    </message>
    <message>
        <source>this person</source>
        <translation>diese Person</translation>
    </message>
    <message>
        <source>Calls will no longer ring them. Callers notice once the plan is saved.</source>
        <translation>Bei dieser Person klingeln dann keine Anrufe mehr. Anrufer merken das, sobald der Plan gespeichert ist.</translation>
    </message>
    <message>
        <source>(no name yet)</source>
        <translation>(noch kein Name)</translation>
    </message>
    <message>
        <source>Always</source>
        <translation>Immer</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Ja</translation>
    </message>
    <message>
        <source>No</source>
        <translation>Nein</translation>
    </message>
    <message>
        <source>Always on call</source>
        <translation>Immer in Bereitschaft</translation>
    </message>
    <message>
        <source>%1 (no such hours)</source>
        <translation>%1 (Zeitplan fehlt)</translation>
    </message>
</context>
<context>
    <name>StatsCommand</name>
    <message>
        <source>Calls from %1 to %2 (%3), %4</source>
        <translation>Anrufe von %1 bis %2 (%3), %4</translation>
    </message>
    <message>
        <source>every number</source>
        <translation>alle Nummern</translation>
    </message>
    <message>
        <source>to %1</source>
        <translation>an %1</translation>
    </message>
    <message numerus="yes">
        <source>Total: %n call(s)</source>
        <translation>
            <numerusform>Gesamt: %n Anruf</numerusform>
            <numerusform>Gesamt: %n Anrufe</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Answered %1, AI agent %2, missed %3, voicemail %4 of the %n finished call(s) that were not blocked</source>
        <translation>
            <numerusform>Angenommen %1, KI-Agent %2, verpasst %3, Mailbox %4 von %n beendeten, nicht blockierten Anruf</numerusform>
            <numerusform>Angenommen %1, KI-Agent %2, verpasst %3, Mailbox %4 von %n beendeten, nicht blockierten Anrufen</numerusform>
        </translation>
    </message>
    <message>
        <source>Duration: average %1, p90 %2 (m:ss)</source>
        <translation>Dauer: Durchschnitt %1, p90 %2 (m:ss)</translation>
    </message>
    <message>
        <source>Duration: no finished call has one</source>
        <translation>Dauer: kein beendeter Anruf hat eine</translation>
    </message>
    <message numerus="yes">
        <source>%1 %2:00-%3:00 (%n call(s))</source>
        <translation>
            <numerusform>%1 %2:00-%3:00 (%n Anruf)</numerusform>
            <numerusform>%1 %2:00-%3:00 (%n Anrufe)</numerusform>
        </translation>
    </message>
    <message>
        <source>Busiest hours: %1</source>
        <translation>Anrufstärkste Stunden: %1</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Datum</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Gesamt</translation>
    </message>
    <message>
        <source>Call back: nobody is waiting.</source>
        <translation>Rückruf: Niemand wartet.</translation>
    </message>
    <message numerus="yes">
        <source>Call back: %n caller(s) whose missed calls nobody returned, newest first</source>
        <translation>
            <numerusform>Rückruf: %n Anrufer, dessen verpasste Anrufe niemand erwidert hat, neueste zuerst</numerusform>
            <numerusform>Rückruf: %n Anrufer, deren verpasste Anrufe niemand erwidert hat, neueste zuerst</numerusform>
        </translation>
    </message>
    <message>
        <source>Last missed</source>
        <translation>Zuletzt verpasst</translation>
    </message>
    <message>
        <source>Missed</source>
        <translation>Verpasst</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Von</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Kunde</translation>
    </message>
    <message numerus="yes">
        <source>... and %n more; --json lists them all.</source>
        <translation>
            <numerusform>... und %n weiterer; --json listet alle auf.</numerusform>
            <numerusform>... und %n weitere; --json listet alle auf.</numerusform>
        </translation>
    </message>
    <message>
        <source>JSON output.</source>
        <translation>Ausgabe als JSON.</translation>
    </message>
    <message>
        <source>The first day (or time) counted.</source>
        <translation>Der erste gezählte Tag (oder Zeitpunkt).</translation>
    </message>
    <message>
        <source>The last day counted (or the time the count stops).</source>
        <translation>Der letzte gezählte Tag (oder der Zeitpunkt, an dem die Zählung endet).</translation>
    </message>
    <message>
        <source>Only calls to this number of the business.</source>
        <translation>Nur Anrufe an diese Nummer des Betriebs.</translation>
    </message>
    <message>
        <source>Usage: switchboard stats [--json] [--since DATE] [--until DATE] [--number E164]
The figures of the Stats panel for the calls that came in from --since to --until: calls per
day and outcome, the rates, the average and 90th percentile duration, the busiest hours of the
week, and the callers to call back. DATE is a day such as 2026-11-01, counted whole in the
routing plan&apos;s time zone (--until&apos;s day included), or an ISO 8601 time such as
2026-11-01T09:30 or 2026-11-01T09:30:00-05:00. Default: the last 30 days, today included.
The rates are shares of the finished calls (not ongoing) without the blocked ones, so that spam
turned away does not lower the answered rate; missed and voicemail are counted apart. The call
back list holds the callers with missed or voicemail calls in the range that no later call of
theirs reached (staff or the AI agent, up to now); withheld numbers are left out.
</source>
        <translation>Aufruf: switchboard stats [--json] [--since DATUM] [--until DATUM] [--number E164]
Die Zahlen des Statistik-Bereichs für die Anrufe, die von --since bis --until eingingen: Anrufe
pro Tag und Ergebnis, die Anteile, die durchschnittliche Dauer und das 90. Perzentil, die
anrufstärksten Stunden der Woche und die zurückzurufenden Anrufer. DATUM ist ein Tag wie
2026-11-01, ganz gezählt in der Zeitzone des Weiterleitungsplans (der Tag von --until
eingeschlossen), oder eine ISO-8601-Zeit wie 2026-11-01T09:30 oder 2026-11-01T09:30:00-05:00.
Standard: die letzten 30 Tage, heute eingeschlossen.
Die Anteile beziehen sich auf die beendeten Anrufe (nicht laufende) ohne die blockierten, damit
abgewiesener Spam die Annahmequote nicht senkt; verpasst und Mailbox werden getrennt gezählt.
Die Rückrufliste enthält die Anrufer mit verpassten oder Mailbox-Anrufen im Zeitraum, die kein
späterer Anruf von ihnen erreicht hat (Mitarbeiter oder KI-Agent, bis jetzt); unterdrückte
Nummern werden ausgelassen.
</translation>
    </message>
    <message>
        <source>%1 The days are counted in this computer&apos;s time zone.</source>
        <translation>%1 Die Tage werden in der Zeitzone dieses Rechners gezählt.</translation>
    </message>
</context>
<context>
    <name>StatsJsonReader</name>
    <message>
        <source>The statistics&apos; field &quot;%1&quot; is missing or not what it should be.</source>
        <translation>Das Feld „%1“ der Statistik fehlt oder ist nicht, was es sein sollte.</translation>
    </message>
</context>
<context>
    <name>StatsPanel</name>
    <message>
        <source>Call statistics</source>
        <translation>Anrufstatistik</translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation>Letzte 7 Tage</translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation>Letzte 30 Tage</translation>
    </message>
    <message>
        <source>Last 90 days</source>
        <translation>Letzte 90 Tage</translation>
    </message>
    <message>
        <source>Last 12 months</source>
        <translation>Letzte 12 Monate</translation>
    </message>
    <message>
        <source>All numbers</source>
        <translation>Alle Nummern</translation>
    </message>
    <message>
        <source>Range:</source>
        <translation>Zeitraum:</translation>
    </message>
    <message>
        <source>Number:</source>
        <translation>Nummer:</translation>
    </message>
    <message>
        <source>Mon</source>
        <translation>Mo</translation>
    </message>
    <message>
        <source>Tue</source>
        <translation>Di</translation>
    </message>
    <message>
        <source>Wed</source>
        <translation>Mi</translation>
    </message>
    <message>
        <source>Thu</source>
        <translation>Do</translation>
    </message>
    <message>
        <source>Fri</source>
        <translation>Fr</translation>
    </message>
    <message>
        <source>Sat</source>
        <translation>Sa</translation>
    </message>
    <message>
        <source>Sun</source>
        <translation>So</translation>
    </message>
    <message>
        <source>Calls per hour of the week, in the business&apos;s time zone.</source>
        <translation>Anrufe pro Wochenstunde, in der Zeitzone des Betriebs.</translation>
    </message>
    <message>
        <source>Caller</source>
        <translation>Anrufer</translation>
    </message>
    <message>
        <source>Missed calls</source>
        <translation>Verpasste Anrufe</translation>
    </message>
    <message>
        <source>Last missed</source>
        <translation>Zuletzt verpasst</translation>
    </message>
    <message>
        <source>&lt;b&gt;Busiest hours of the week&lt;/b&gt;</source>
        <translation>&lt;b&gt;Anrufstärkste Stunden der Woche&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;To call back&lt;/b&gt; (missed, and not reached since)</source>
        <translation>&lt;b&gt;Zurückrufen&lt;/b&gt; (verpasst und seitdem nicht erreicht)</translation>
    </message>
    <message>
        <source>The statistics cannot be read: %1</source>
        <translation>Die Statistik kann nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>&lt;span style=&apos;font-size:large&apos;&gt;&lt;b&gt;%1&lt;/b&gt; calls&lt;/span&gt; &amp;nbsp;·&amp;nbsp; answered by staff &lt;b&gt;%2&lt;/b&gt; &amp;nbsp;·&amp;nbsp; AI agent &lt;b&gt;%3&lt;/b&gt; &amp;nbsp;·&amp;nbsp; voicemail &lt;b&gt;%4&lt;/b&gt; &amp;nbsp;·&amp;nbsp; missed &lt;b&gt;%5&lt;/b&gt; &amp;nbsp;·&amp;nbsp; average length &lt;b&gt;%6&lt;/b&gt;, 9 in 10 calls under &lt;b&gt;%7&lt;/b&gt;&lt;br&gt;&lt;span style=&apos;color:%9&apos;&gt;Rates are of finished calls, leaving out %8 blocked.&lt;/span&gt;</source>
        <translation>&lt;span style=&apos;font-size:large&apos;&gt;&lt;b&gt;%1&lt;/b&gt; Anrufe&lt;/span&gt; &amp;nbsp;·&amp;nbsp; von Mitarbeitern angenommen &lt;b&gt;%2&lt;/b&gt; &amp;nbsp;·&amp;nbsp; KI-Agent &lt;b&gt;%3&lt;/b&gt; &amp;nbsp;·&amp;nbsp; Mailbox &lt;b&gt;%4&lt;/b&gt; &amp;nbsp;·&amp;nbsp; verpasst &lt;b&gt;%5&lt;/b&gt; &amp;nbsp;·&amp;nbsp; Durchschnittsdauer &lt;b&gt;%6&lt;/b&gt;, 9 von 10 Anrufen unter &lt;b&gt;%7&lt;/b&gt;&lt;br&gt;&lt;span style=&apos;color:%9&apos;&gt;Die Anteile beziehen sich auf beendete Anrufe, ohne %8 blockierte.&lt;/span&gt;</translation>
    </message>
    <message>
        <source>Calls per day</source>
        <translation>Anrufe pro Tag</translation>
    </message>
    <message>
        <source>&lt;span style=&apos;font-size:large&apos;&gt;&lt;b&gt;0&lt;/b&gt; calls&lt;/span&gt;</source>
        <translation>&lt;span style=&apos;font-size:large&apos;&gt;&lt;b&gt;0&lt;/b&gt; Anrufe&lt;/span&gt;</translation>
    </message>
    <message>
        <source>No calls in this period yet. Each call is counted here as soon as it comes in.</source>
        <translation>In diesem Zeitraum gab es noch keine Anrufe. Jeder Anruf wird hier gezählt, sobald er eingeht.</translation>
    </message>
    <message>
        <source>No calls to %1 in this period yet.</source>
        <translation>In diesem Zeitraum gab es noch keine Anrufe an %1.</translation>
    </message>
    <message numerus="yes">
        <source>%1 %2–%3: %n call(s)</source>
        <translation>
            <numerusform>%1 %2–%3: %n Anruf</numerusform>
            <numerusform>%1 %2–%3: %n Anrufe</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <comment>customer name · phone number</comment>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>Call back…</source>
        <translation>Zurückrufen…</translation>
    </message>
    <message>
        <source>Select a caller in the list to call them back.</source>
        <translation>Wählen Sie einen Anrufer in der Liste, um ihn zurückzurufen.</translation>
    </message>
    <message>
        <source>Ring a phone of the practice first, then this caller.</source>
        <translation>Zuerst ein Telefon der Praxis anklingeln, dann diesen Anrufer.</translation>
    </message>
</context>
<context>
    <name>TeamsTab</name>
    <message>
        <source>&amp;Add team</source>
        <translation>Team &amp;hinzufügen</translation>
    </message>
    <message>
        <source>&amp;Remove team…</source>
        <translation>Team &amp;entfernen…</translation>
    </message>
    <message>
        <source>&amp;Skip people already rung in this call</source>
        <translation>In diesem Anruf bereits angerufene Personen ü&amp;berspringen</translation>
    </message>
    <message>
        <source>Teams</source>
        <translation>Teams</translation>
    </message>
    <message>
        <source>No teams yet. Add a team to ring several people for one call, such as the front desk.</source>
        <translation>Noch keine Teams. Fügen Sie ein Team hinzu, um bei einem Anruf mehrere Personen anzurufen, zum Beispiel den Empfang.</translation>
    </message>
    <message>
        <source>e.g. Front desk</source>
        <translation>z. B. Empfang</translation>
    </message>
    <message>
        <source>One by one</source>
        <translation>Nacheinander</translation>
    </message>
    <message>
        <source>All at once</source>
        <translation>Alle gleichzeitig</translation>
    </message>
    <message>
        <source> seconds</source>
        <translation> Sekunden</translation>
    </message>
    <message>
        <source>Off</source>
        <translation>Aus</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>Rin&amp;g:</source>
        <translation>K&amp;lingeln:</translation>
    </message>
    <message>
        <source>One by one: the people of a tier in turn, in a random order. All at once: a tier&apos;s people together; the first to answer takes the call.</source>
        <translation>Nacheinander: die Personen einer Stufe der Reihe nach, in zufälliger Reihenfolge. Alle gleichzeitig: die Personen einer Stufe zusammen; wer zuerst abnimmt, übernimmt den Anruf.</translation>
    </message>
    <message>
        <source>Ring each person &amp;for:</source>
        <translation>&amp;Klingeldauer pro Person:</translation>
    </message>
    <message>
        <source>Before the call moves on to the next person or tier.</source>
        <translation>Bevor der Anruf zur nächsten Person oder Stufe weitergeht.</translation>
    </message>
    <message>
        <source>People per call, at &amp;most:</source>
        <translation>Personen pro Anruf, &amp;maximal:</translation>
    </message>
    <message>
        <source>How many people one call rings in all, across the tiers.</source>
        <translation>Bei wie vielen Personen ein Anruf insgesamt klingelt, über alle Stufen hinweg.</translation>
    </message>
    <message>
        <source>For when a rule has already rung someone directly before it rings this team.</source>
        <translation>Für den Fall, dass eine Regel schon jemanden direkt angerufen hat, bevor sie dieses Team anruft.</translation>
    </message>
    <message>
        <source>Returning &amp;callers:</source>
        <translation>Wiederkehrende &amp;Anrufer:</translation>
    </message>
    <message>
        <source>Try the person who last answered this caller first, if that was within this many days. Off: always start with tier 1.</source>
        <translation>Zuerst die Person anrufen, die diesen Anrufer zuletzt angenommen hat, wenn das höchstens so viele Tage her ist. Aus: immer mit Stufe 1 beginnen.</translation>
    </message>
    <message>
        <source>Tiers: who is rung, in order</source>
        <translation>Stufen: wer angerufen wird, der Reihe nach</translation>
    </message>
    <message>
        <source>Select a team to see and change how it is rung.</source>
        <translation>Wählen Sie ein Team, um zu sehen und zu ändern, wie es angerufen wird.</translation>
    </message>
    <message>
        <source> day</source>
        <translation> Tag</translation>
    </message>
    <message>
        <source> days</source>
        <translation> Tage</translation>
    </message>
    <message>
        <source>this team</source>
        <translation>dieses Team</translation>
    </message>
    <message>
        <source>the team &quot;%1&quot;</source>
        <translation>das Team „%1“</translation>
    </message>
    <message>
        <source>Its people stay on the staff.</source>
        <translation>Seine Mitglieder bleiben in der Mitarbeiterliste.</translation>
    </message>
    <message>
        <source>(no name yet)</source>
        <translation>(noch kein Name)</translation>
    </message>
</context>
<context>
    <name>TestCallPage</name>
    <message>
        <source>Try it: call your number</source>
        <translation>Probieren Sie es: Rufen Sie Ihre Nummer an</translation>
    </message>
    <message>
        <source>A call from your own mobile shows that everything works, and what your callers will hear.</source>
        <translation>Ein Anruf von Ihrem eigenen Handy zeigt, dass alles funktioniert, und was Ihre Anrufer hören werden.</translation>
    </message>
    <message>
        <source>Open Live calls to watch the test call</source>
        <translation>„Aktuelle Anrufe“ öffnen, um den Testanruf zu verfolgen</translation>
    </message>
    <message>
        <source>Call %1 from your mobile now.</source>
        <translation>Rufen Sie jetzt %1 von Ihrem Handy an.</translation>
    </message>
    <message>
        <source>Your mobile has no booking, so Switchboard hands the call to a person: %1 rings (unless a rule on the Routing page sends it elsewhere).</source>
        <translation>Ihr Handy hat keinen Termin, daher übergibt Switchboard den Anruf an einen Menschen: %1 klingelt (sofern keine Regel auf der Seite „Weiterleitung“ ihn woandershin schickt).</translation>
    </message>
    <message>
        <source>Callers with a booking ring a person too, until you add a Retell agent in Setup.</source>
        <translation>Auch Anrufer mit einem Termin landen bei einem Menschen, bis Sie unter „Einrichtung“ einen Retell-Agenten hinzufügen.</translation>
    </message>
    <message>
        <source>A caller with a booking talks to your AI receptionist first, and reaches a person if the agent cannot take the call.</source>
        <translation>Ein Anrufer mit einem Termin spricht zuerst mit Ihrer KI-Rezeption und erreicht einen Menschen, wenn der Agent den Anruf nicht annehmen kann.</translation>
    </message>
    <message>
        <source>No phone at hand? Routing → Test a call shows the same path for any caller.</source>
        <translation>Kein Telefon zur Hand? Weiterleitung → Anruf testen zeigt denselben Weg für jeden Anrufer.</translation>
    </message>
    <message>
        <source>Checking everything once more…</source>
        <translation>Alles wird noch einmal geprüft…</translation>
    </message>
    <message>
        <source>Everything checks out:</source>
        <translation>Alles in Ordnung:</translation>
    </message>
    <message>
        <source>Not everything is ready yet:</source>
        <translation>Noch ist nicht alles bereit:</translation>
    </message>
</context>
<context>
    <name>TestCallPanel</name>
    <message>
        <source>&amp;Now</source>
        <translation>&amp;Jetzt</translation>
    </message>
    <message>
        <source>Tier</source>
        <translation>Stufe</translation>
    </message>
    <message>
        <source>Rings</source>
        <translation>Klingelt bei</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Telefon</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>Schritt</translation>
    </message>
    <message>
        <source>What happens</source>
        <translation>Was geschieht</translation>
    </message>
    <message>
        <source>The caller&apos;s number, e.g. (555) 123-0001</source>
        <translation>Die Nummer des Anrufers, z. B. (555) 123-0001</translation>
    </message>
    <message>
        <source>Our number that was called</source>
        <translation>Unsere Nummer, die angerufen wurde</translation>
    </message>
    <message>
        <source>Keys pressed in menus, e.g. 12</source>
        <translation>In Menüs gedrückte Tasten, z. B. 12</translation>
    </message>
    <message>
        <source>Call &amp;from</source>
        <translation>Anruf &amp;von</translation>
    </message>
    <message>
        <source>Call t&amp;o</source>
        <translation>Anruf &amp;an</translation>
    </message>
    <message>
        <source>&amp;When</source>
        <translation>&amp;Wann</translation>
    </message>
    <message>
        <source>&amp;Keys pressed</source>
        <translation>&amp;Gedrückte Tasten</translation>
    </message>
    <message>
        <source>Try the plan as it stands here, saved or not, against your real customers and bookings. Nobody is called and nothing is logged; in a test nobody answers, so the call goes on to the end of its path.</source>
        <translation>Probieren Sie den Plan so aus, wie er hier steht, gespeichert oder nicht, mit Ihren echten Kunden und Terminen. Niemand wird angerufen und nichts protokolliert; in einem Test nimmt niemand ab, daher läuft der Anruf bis zum Ende seines Wegs.</translation>
    </message>
    <message>
        <source>Who would ring, in order</source>
        <translation>Bei wem es klingeln würde, der Reihe nach</translation>
    </message>
    <message>
        <source>Type the number the test call comes from.</source>
        <translation>Geben Sie die Nummer ein, von der der Testanruf kommt.</translation>
    </message>
    <message>
        <source>The plan has problems marked in red; fix them first, then test.</source>
        <translation>Der Plan hat rot markierte Probleme; beheben Sie sie zuerst und testen Sie dann.</translation>
    </message>
    <message>
        <source>Routing is paused: calls go straight to the fallback number until it is turned on in Setup.</source>
        <translation>Die Weiterleitung ist pausiert: Anrufe gehen direkt an die Ersatznummer, bis sie in der Einrichtung eingeschaltet wird.</translation>
    </message>
    <message>
        <source>%1, not a customer</source>
        <translation>%1, kein Kunde</translation>
    </message>
    <message>
        <source>Caller: %1</source>
        <translation>Anrufer: %1</translation>
    </message>
    <message>
        <source>Turned away by the caller lists.</source>
        <translation>Von den Anruferlisten abgewiesen.</translation>
    </message>
    <message>
        <source>Rule: &lt;b&gt;%1&lt;/b&gt; (%2)</source>
        <translation>Regel: &lt;b&gt;%1&lt;/b&gt; (%2)</translation>
    </message>
    <message>
        <source>No rule applies.</source>
        <translation>Keine Regel gilt.</translation>
    </message>
    <message>
        <source>Ends: %1</source>
        <translation>Ende: %1</translation>
    </message>
    <message>
        <source>%1 — skipped: %2</source>
        <translation>%1 — übersprungen: %2</translation>
    </message>
    <message>
        <source>(No answer to Twilio at this step.)</source>
        <translation>(In diesem Schritt keine Antwort an Twilio.)</translation>
    </message>
    <message>
        <source>Test t&amp;his call</source>
        <translation>Diese&amp;n Anruf testen</translation>
    </message>
    <message>
        <source>Show what Twilio is told</source>
        <translation>Zeigen, was Twilio gesagt wird</translation>
    </message>
    <message>
        <source>Choose a step to read it in full.</source>
        <translation>Wählen Sie einen Schritt, um ihn ganz zu lesen.</translation>
    </message>
    <message>
        <source>%1 · %2, no active booking</source>
        <translation>%1 · %2, kein aktiver Termin</translation>
    </message>
    <message>
        <source>%1 · %2, with an active booking</source>
        <translation>%1 · %2, mit aktivem Termin</translation>
    </message>
    <message>
        <source>%1 · %2, booking %3</source>
        <translation>%1 · %2, Termin %3</translation>
    </message>
</context>
<context>
    <name>TierEditor</name>
    <message>
        <source>Add t&amp;ier</source>
        <translation>Stufe h&amp;inzufügen</translation>
    </message>
    <message>
        <source>Remo&amp;ve tier</source>
        <translation>Stufe en&amp;tfernen</translation>
    </message>
    <message>
        <source>Move &amp;up</source>
        <translation>Nach &amp;oben</translation>
    </message>
    <message>
        <source>Move d&amp;own</source>
        <translation>Nach &amp;unten</translation>
    </message>
    <message>
        <source>A&amp;dd to tier</source>
        <translation>Zur Stufe hinzu&amp;fügen</translation>
    </message>
    <message>
        <source>Ta&amp;ke out of tier</source>
        <translation>Aus Stufe he&amp;rausnehmen</translation>
    </message>
    <message>
        <source>Tiers</source>
        <translation>Stufen</translation>
    </message>
    <message>
        <source>Person to add</source>
        <translation>Hinzuzufügende Person</translation>
    </message>
    <message>
        <source>Add staff in the Staff tab first</source>
        <translation>Legen Sie zuerst im Tab „Mitarbeiter“ Personen an</translation>
    </message>
    <message>
        <source>Everyone is in this team</source>
        <translation>Alle sind bereits in diesem Team</translation>
    </message>
    <message>
        <source>Nobody would be rung: add a tier with at least one person.</source>
        <translation>Niemand würde angerufen: Fügen Sie eine Stufe mit mindestens einer Person hinzu.</translation>
    </message>
    <message>
        <source>Tier %1 has nobody in it: add a person or remove the tier.</source>
        <translation>Stufe %1 ist leer: Fügen Sie eine Person hinzu oder entfernen Sie die Stufe.</translation>
    </message>
    <message>
        <source>Tier %1: %2</source>
        <translation>Stufe %1: %2</translation>
    </message>
    <message>
        <source>Tier 1: rung first</source>
        <translation>Stufe 1: wird zuerst angerufen</translation>
    </message>
    <message>
        <source>Tier %1: rung when nobody in tier %2 answered</source>
        <translation>Stufe %1: wird angerufen, wenn in Stufe %2 niemand abgenommen hat</translation>
    </message>
    <message>
        <source>%1 (not on the staff)</source>
        <translation>%1 (nicht in der Mitarbeiterliste)</translation>
    </message>
    <message>
        <source>%1 (not active)</source>
        <translation>%1 (nicht aktiv)</translation>
    </message>
    <message>
        <source>Nobody yet: choose a person below and add them.</source>
        <translation>Noch niemand: Wählen Sie unten eine Person und fügen Sie sie hinzu.</translation>
    </message>
</context>
<context>
    <name>TimeZonePicker</name>
    <message>
        <source>%1, this computer&apos;s time zone</source>
        <translation>%1, die Zeitzone dieses Computers</translation>
    </message>
    <message>
        <source>Type a city or a country</source>
        <translation>Stadt oder Land eingeben</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <comment>time zone: city (offset from UTC)</comment>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>%1 — %2 (%3)</source>
        <comment>time zone: city — country (offset from UTC)</comment>
        <translation>%1 — %2 (%3)</translation>
    </message>
</context>
<context>
    <name>TwilioApply</name>
    <message>
        <source>The fallback for when this computer cannot answer was not set up: %1</source>
        <translation>Die Ersatzlösung für den Fall, dass dieser Rechner nicht antworten kann, wurde nicht eingerichtet: %1</translation>
    </message>
    <message>
        <source>When this computer cannot answer, Twilio %1 (already set up).</source>
        <translation>Wenn dieser Rechner nicht antworten kann: Twilio %1 (bereits eingerichtet).</translation>
    </message>
    <message>
        <source>Updated by Switchboard</source>
        <translation>Von Switchboard aktualisiert</translation>
    </message>
    <message>
        <source>The fallback for when this computer cannot answer was not updated: %1</source>
        <translation>Die Ersatzlösung für den Fall, dass dieser Rechner nicht antworten kann, wurde nicht aktualisiert: %1</translation>
    </message>
    <message>
        <source>When this computer cannot answer, Twilio now %1.</source>
        <translation>Ab jetzt, wenn dieser Rechner nicht antworten kann: Twilio %1.</translation>
    </message>
    <message>
        <source>The fallback for when this computer cannot answer was not checked: %1</source>
        <translation>Die Ersatzlösung für den Fall, dass dieser Rechner nicht antworten kann, wurde nicht geprüft: %1</translation>
    </message>
    <message>
        <source>Made by Switchboard</source>
        <translation>Von Switchboard angelegt</translation>
    </message>
    <message>
        <source>When this computer cannot answer, Twilio now %1 (a Studio flow named &quot;%2&quot;).</source>
        <translation>Ab jetzt, wenn dieser Rechner nicht antworten kann: Twilio %1 (ein Studio-Ablauf namens „%2“).</translation>
    </message>
    <message>
        <source>Choose the numbers this app should answer first.</source>
        <translation>Wählen Sie zuerst die Nummern, die diese App annehmen soll.</translation>
    </message>
    <message>
        <source>Enter the public URL first: Twilio needs to know where to send the calls.</source>
        <translation>Tragen Sie zuerst die öffentliche URL ein: Twilio muss wissen, wohin die Anrufe gehen.</translation>
    </message>
    <message>
        <source>Enter the Twilio account SID and auth token first.</source>
        <translation>Tragen Sie zuerst die Twilio-Konto-SID und das Auth-Token ein.</translation>
    </message>
    <message>
        <source>Nothing was changed: %1</source>
        <translation>Nichts wurde geändert: %1</translation>
    </message>
    <message>
        <source>When this computer cannot answer, Twilio calls your own fallback URL %1; it was left as it is.</source>
        <translation>Wenn dieser Rechner nicht antworten kann, ruft Twilio Ihre eigene Ersatz-URL %1 auf; sie wurde so gelassen.</translation>
    </message>
    <message>
        <source>%1: not a number of this Twilio account; nothing changed.</source>
        <translation>%1: keine Nummer dieses Twilio-Kontos; nichts geändert.</translation>
    </message>
    <message>
        <source>%1: not changed. %2</source>
        <translation>%1: nicht geändert. %2</translation>
    </message>
    <message>
        <source>%1: %2.</source>
        <translation>%1: %2.</translation>
    </message>
</context>
<context>
    <name>TwilioCommand</name>
    <message>
        <source>Usage: switchboard twilio apply
Points every routed number (twilio.numbers) at this app: its calls and call status changes come
to the public URL, and when this computer cannot answer, Twilio runs a flow of its own (a Studio
flow named &quot;Switchboard fallback&quot;) that rings the fallback number, or takes a voicemail when the
routing plan does. A Voice Fallback URL set by hand in twilio.voice_fallback_url is kept.
Exits 0 when everything was done, 1 when anything was not.
</source>
        <translation>Aufruf: switchboard twilio apply
Leitet jede weitergeleitete Nummer (twilio.numbers) an diese App: Ihre Anrufe und Statusänderungen gehen
an die öffentliche URL, und wenn dieser Rechner nicht antworten kann, führt Twilio einen eigenen Ablauf
aus (einen Studio-Ablauf namens „Switchboard fallback“), der die Ersatznummer anruft oder eine
Sprachnachricht aufnimmt, wenn der Routing-Plan das tut. Eine von Hand in twilio.voice_fallback_url
gesetzte Voice-Fallback-URL bleibt erhalten.
Beendet sich mit 0, wenn alles erledigt wurde, mit 1, wenn etwas nicht erledigt wurde.
</translation>
    </message>
</context>
<context>
    <name>TwilioRestClient</name>
    <message>
        <source>Twilio cannot be reached because the network access has been shut down.</source>
        <translation>Twilio ist nicht erreichbar, weil der Netzwerkzugriff beendet wurde.</translation>
    </message>
    <message>
        <source>The Twilio API address is not a valid http or https URL.</source>
        <translation>Die Twilio-API-Adresse ist keine gültige http- oder https-URL.</translation>
    </message>
    <message>
        <source>The Twilio account SID is missing or is not AC followed by 32 hexadecimal digits.</source>
        <translation>Die Twilio Account SID fehlt oder ist nicht AC gefolgt von 32 Hexadezimalziffern.</translation>
    </message>
    <message>
        <source>The Twilio API key SID is missing or contains characters that cannot be sent.</source>
        <translation>Die Twilio-API-Key-SID fehlt oder enthält Zeichen, die nicht gesendet werden können.</translation>
    </message>
    <message>
        <source>The Twilio API key secret is missing or contains characters that cannot be sent.</source>
        <translation>Das Twilio-API-Key-Secret fehlt oder enthält Zeichen, die nicht gesendet werden können.</translation>
    </message>
    <message>
        <source>The Twilio auth token is missing or contains characters that cannot be sent.</source>
        <translation>Der Twilio Auth Token fehlt oder enthält Zeichen, die nicht gesendet werden können.</translation>
    </message>
    <message>
        <source>the account %1</source>
        <translation>das Konto %1</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a Twilio phone number SID.</source>
        <translation>„%1“ ist keine SID einer Twilio-Telefonnummer.</translation>
    </message>
    <message>
        <source>The webhook URLs are not valid http or https URLs; set the public URL first.</source>
        <translation>Die Webhook-URLs sind keine gültigen http- oder https-URLs; legen Sie zuerst die öffentliche URL fest.</translation>
    </message>
    <message>
        <source>The voice fallback URL is not a valid http or https URL.</source>
        <translation>Die Voice-Fallback-URL ist keine gültige http- oder https-URL.</translation>
    </message>
    <message>
        <source>the number %1</source>
        <translation>die Nummer %1</translation>
    </message>
    <message>
        <source>Twilio&apos;s list of phone numbers has no incoming_phone_numbers.</source>
        <translation>Die Liste der Telefonnummern von Twilio enthält kein incoming_phone_numbers.</translation>
    </message>
    <message>
        <source>Twilio&apos;s list of phone numbers did not end after %1 pages; it was not loaded.</source>
        <translation>Die Liste der Telefonnummern von Twilio endete nicht nach %1 Seiten; sie wurde nicht geladen.</translation>
    </message>
    <message>
        <source>Twilio&apos;s answer to the change of a number does not describe the number.</source>
        <translation>Die Antwort von Twilio auf die Änderung einer Nummer beschreibt die Nummer nicht.</translation>
    </message>
    <message>
        <source>Twilio says the account &quot;%1&quot; is %2.</source>
        <translation>Laut Twilio ist das Konto „%1“ %2.</translation>
    </message>
    <message>
        <source>Twilio did not answer within %1 ms.</source>
        <translation>Twilio hat nicht innerhalb von %1 ms geantwortet.</translation>
    </message>
    <message>
        <source>Twilio&apos;s answer is larger than %1 MiB, so it was not read.</source>
        <translation>Die Antwort von Twilio ist größer als %1 MiB und wurde daher nicht gelesen.</translation>
    </message>
    <message>
        <source>Twilio answered with something that is not a JSON object.</source>
        <translation>Twilio hat mit etwas geantwortet, das kein JSON-Objekt ist.</translation>
    </message>
    <message>
        <source>Could not connect to Twilio at %1: the connection was refused.</source>
        <translation>Keine Verbindung zu Twilio unter %1: Die Verbindung wurde abgelehnt.</translation>
    </message>
    <message>
        <source>Could not connect to Twilio: the host %1 was not found; check the internet connection.</source>
        <translation>Keine Verbindung zu Twilio: Der Host %1 wurde nicht gefunden; prüfen Sie die Internetverbindung.</translation>
    </message>
    <message>
        <source>Twilio at %1 closed the connection before answering.</source>
        <translation>Twilio unter %1 hat die Verbindung vor der Antwort getrennt.</translation>
    </message>
    <message>
        <source>Could not reach Twilio at %1: %2.</source>
        <translation>Twilio unter %1 ist nicht erreichbar: %2.</translation>
    </message>
    <message>
        <source>HTTP %1</source>
        <translation>HTTP %1</translation>
    </message>
    <message>
        <source>Twilio refused the credentials (%1)%2.</source>
        <translation>Twilio hat die Zugangsdaten abgelehnt (%1)%2.</translation>
    </message>
    <message>
        <source>Twilio does not allow these credentials to do this (%1)%2.</source>
        <translation>Twilio erlaubt diesen Zugangsdaten diese Aktion nicht (%1)%2.</translation>
    </message>
    <message>
        <source>Twilio does not know %1 (%2)%3.</source>
        <translation>Twilio kennt %1 nicht (%2)%3.</translation>
    </message>
    <message>
        <source>Twilio is limiting requests right now; try again in a minute (%1)%2.</source>
        <translation>Twilio begrenzt gerade die Anfragen; versuchen Sie es in einer Minute erneut (%1)%2.</translation>
    </message>
    <message>
        <source>Twilio answered HTTP %1 (%2)%3.</source>
        <translation>Twilio antwortete HTTP %1 (%2)%3.</translation>
    </message>
    <message>
        <source>Twilio answered HTTP %1%2.</source>
        <translation>Twilio antwortete HTTP %1%2.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a Twilio call SID.</source>
        <translation>„%1“ ist keine Twilio-Anruf-SID.</translation>
    </message>
    <message>
        <source>the call %1</source>
        <translation>den Anruf %1</translation>
    </message>
    <message>
        <source>Twilio&apos;s answer about a call does not describe the call.</source>
        <translation>Twilios Antwort zu einem Anruf beschreibt den Anruf nicht.</translation>
    </message>
    <message>
        <source>the Studio flow</source>
        <translation>den Studio-Ablauf</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a Studio flow SID.</source>
        <translation>„%1“ ist keine Studio-Ablauf-SID.</translation>
    </message>
    <message>
        <source>the Studio flow %1</source>
        <translation>den Studio-Ablauf %1</translation>
    </message>
    <message>
        <source>Twilio&apos;s answer about a Studio flow does not describe the flow.</source>
        <translation>Twilios Antwort zu einem Studio-Ablauf beschreibt den Ablauf nicht.</translation>
    </message>
    <message>
        <source>Twilio&apos;s list of Studio flows has no flows.</source>
        <translation>Twilios Liste der Studio-Abläufe enthält keine Abläufe.</translation>
    </message>
    <message>
        <source>The instructions for the call are longer than Twilio&apos;s limit of %1 characters.</source>
        <translation>Die Anweisungen für den Anruf sind länger als Twilios Grenze von %1 Zeichen.</translation>
    </message>
    <message>
        <source>The instructions for the call are not a TwiML &lt;Response&gt; document.</source>
        <translation>Die Anweisungen für den Anruf sind kein TwiML-&lt;Response&gt;-Dokument.</translation>
    </message>
    <message>
        <source>The address the call should be sent to is not a valid http or https URL.</source>
        <translation>Die Adresse, an die der Anruf gehen soll, ist keine gültige http- oder https-URL.</translation>
    </message>
    <message>
        <source>There is no number to call.</source>
        <translation>Es gibt keine Nummer zum Anrufen.</translation>
    </message>
    <message>
        <source>There is no caller ID to call from.</source>
        <translation>Es gibt keine Anrufer-ID, von der aus angerufen werden kann.</translation>
    </message>
    <message>
        <source>A new call needs either the address of its instructions or the instructions themselves.</source>
        <translation>Ein neuer Anruf braucht entweder die Adresse seiner Anweisungen oder die Anweisungen selbst.</translation>
    </message>
    <message>
        <source>The address of the call&apos;s instructions is not a valid http or https URL.</source>
        <translation>Die Adresse der Anweisungen des Anrufs ist keine gültige http- oder https-URL.</translation>
    </message>
    <message>
        <source>The status callback URL of the call is not a valid http or https URL.</source>
        <translation>Die Status-Callback-URL des Anrufs ist keine gültige http- oder https-URL.</translation>
    </message>
    <message>
        <source>A call can ring from 1 to %1 seconds, not %2.</source>
        <translation>Ein Anruf kann 1 bis %1 Sekunden klingeln, nicht %2.</translation>
    </message>
    <message>
        <source>The call has already ended.</source>
        <translation>Der Anruf ist bereits beendet.</translation>
    </message>
    <message>
        <source>Twilio cannot call that number: it is not a valid phone number, or not one it can reach.</source>
        <translation>Twilio kann diese Nummer nicht anrufen: Sie ist keine gültige Telefonnummer oder keine, die es erreicht.</translation>
    </message>
    <message>
        <source>Twilio cannot call %1: it is not a valid phone number, or not one it can reach.</source>
        <translation>Twilio kann %1 nicht anrufen: Das ist keine gültige Telefonnummer oder keine, die es erreicht.</translation>
    </message>
    <message>
        <source>Twilio will not call from %1: the caller ID must be one of the account&apos;s numbers or a verified caller ID.</source>
        <translation>Twilio ruft nicht von %1 aus an: Die Anrufer-ID muss eine Nummer des Kontos oder eine bestätigte Anrufer-ID sein.</translation>
    </message>
    <message>
        <source>that number</source>
        <translation>diese Nummer</translation>
    </message>
    <message>
        <source>The Twilio account is not allowed to call %1: its voice geographic permissions leave that country out.</source>
        <translation>Das Twilio-Konto darf %1 nicht anrufen: Seine geografischen Sprachberechtigungen schließen dieses Land aus.</translation>
    </message>
    <message>
        <source>Twilio does not know this call.</source>
        <translation>Twilio kennt diesen Anruf nicht.</translation>
    </message>
</context>
<context>
    <name>TwilioSetup</name>
    <message>
        <source>(nothing)</source>
        <translation>(nichts)</translation>
    </message>
    <message>
        <source>this app</source>
        <translation>diese App</translation>
    </message>
    <message>
        <source>%1 set to %2</source>
        <translation>%1 auf %2 gesetzt</translation>
    </message>
    <message>
        <source>%1 removed (was %2)</source>
        <translation>%1 entfernt (war %2)</translation>
    </message>
    <message>
        <source>%1 changed from %2 to %3</source>
        <translation>%1 von %2 auf %3 geändert</translation>
    </message>
    <message>
        <source>calls go to the TwiML App %1 instead of the voice URL</source>
        <translation>Anrufe gehen an die TwiML-App %1 statt an die Voice-URL</translation>
    </message>
    <message>
        <source>calls go to the SIP trunk %1 instead of the voice URL</source>
        <translation>Anrufe gehen an den SIP-Trunk %1 statt an die Voice-URL</translation>
    </message>
    <message>
        <source>calls go to %1</source>
        <translation>Anrufe gehen an %1</translation>
    </message>
    <message>
        <source>calls are sent with %1 instead of POST</source>
        <translation>Anrufe werden mit %1 statt POST gesendet</translation>
    </message>
    <message>
        <source>call status changes go to %1</source>
        <translation>Statusänderungen von Anrufen gehen an %1</translation>
    </message>
    <message>
        <source>voice URL</source>
        <translation>Voice-URL</translation>
    </message>
    <message>
        <source>voice method changed from %1 to %2</source>
        <translation>Voice-Methode von %1 auf %2 geändert</translation>
    </message>
    <message>
        <source>voice fallback URL</source>
        <translation>Voice-Fallback-URL</translation>
    </message>
    <message>
        <source>status callback set</source>
        <translation>Status-Callback gesetzt</translation>
    </message>
    <message>
        <source>status callback</source>
        <translation>Status-Callback</translation>
    </message>
    <message>
        <source>already pointed here; nothing changed</source>
        <translation>zeigt bereits hierher; nichts geändert</translation>
    </message>
    <message>
        <source> — but Twilio still sends its calls to the TwiML App %1: in the Twilio console, set &quot;A call comes in&quot; to Webhook</source>
        <translation> — aber Twilio sendet die Anrufe weiterhin an die TwiML-App %1: Stellen Sie in der Twilio-Konsole „A call comes in“ auf Webhook</translation>
    </message>
    <message>
        <source> — but Twilio still sends its calls to the SIP trunk %1: remove the number from the trunk in the Twilio console</source>
        <translation> — aber Twilio sendet die Anrufe weiterhin an den SIP-Trunk %1: Entfernen Sie die Nummer in der Twilio-Konsole aus dem Trunk</translation>
    </message>
</context>
<context>
    <name>TwilioWebhookHandler</name>
    <message>
        <source>The request body is larger than 64 KiB.</source>
        <translation>Der Anfrageinhalt ist größer als 64 KiB.</translation>
    </message>
    <message>
        <source>The webhook token in the URL is not this app&apos;s token.</source>
        <translation>Das Webhook-Token in der URL ist nicht das Token dieser App.</translation>
    </message>
    <message>
        <source>Webhooks cannot be verified: twilio.auth_token is not set.</source>
        <translation>Webhooks können nicht geprüft werden: twilio.auth_token ist nicht festgelegt.</translation>
    </message>
    <message>
        <source>The request has no X-Twilio-Signature header.</source>
        <translation>Die Anfrage hat keinen X-Twilio-Signature-Header.</translation>
    </message>
    <message>
        <source>The X-Twilio-Signature does not match this request.</source>
        <translation>Die X-Twilio-Signature passt nicht zu dieser Anfrage.</translation>
    </message>
    <message>
        <source>The request is signed with a customer-owned key (X-Twilio-Webhooks-Signature-Settings), which this app does not check; switch the number&apos;s webhooks back to auth-token signatures.</source>
        <translation>Die Anfrage ist mit einem eigenen Schlüssel des Kunden signiert (X-Twilio-Webhooks-Signature-Settings), den diese App nicht prüft; stellen Sie die Webhooks der Nummer wieder auf Signaturen mit dem Auth-Token um.</translation>
    </message>
    <message>
        <source>The field %1 does not hold a Twilio SID.</source>
        <translation>Das Feld %1 enthält keine Twilio-SID.</translation>
    </message>
    <message>
        <source>The call named in the URL is not a Twilio call SID.</source>
        <translation>Der in der URL genannte Anruf ist keine Twilio-Anruf-SID.</translation>
    </message>
    <message>
        <source>The URL does not name which leg of the call answered.</source>
        <translation>Die URL nennt nicht, welcher Zweig des Anrufs abgenommen hat.</translation>
    </message>
    <message>
        <source>The URL does not say where the call is to be moved.</source>
        <translation>Die URL sagt nicht, wohin der Anruf verschoben werden soll.</translation>
    </message>
    <message>
        <source>The URL does not name which step of the call-back this is.</source>
        <translation>Die URL nennt nicht, welcher Schritt des Rückrufs dies ist.</translation>
    </message>
</context>
<context>
    <name>VoicemailPlayer</name>
    <message>
        <source>Position in the voicemail</source>
        <translation>Position in der Nachricht</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <comment>position, length</comment>
        <translation>%1 von %2</translation>
    </message>
    <message>
        <source>This recording cannot be played here. Save it and open it with another program.</source>
        <translation>Diese Aufnahme kann hier nicht abgespielt werden. Speichern Sie sie und öffnen Sie sie mit einem anderen Programm.</translation>
    </message>
    <message>
        <source>This recording cannot be played here.</source>
        <translation>Diese Aufnahme kann hier nicht abgespielt werden.</translation>
    </message>
    <message>
        <source>This recording cannot be played here: %1</source>
        <translation>Diese Aufnahme kann hier nicht abgespielt werden: %1</translation>
    </message>
    <message>
        <source>This computer cannot play audio from Switchboard. Save the voicemail and open it with another program.</source>
        <translation>Dieser Computer kann aus Switchboard keinen Ton abspielen. Speichern Sie die Nachricht und öffnen Sie sie mit einem anderen Programm.</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Pause</translation>
    </message>
    <message>
        <source>Play</source>
        <translation>Abspielen</translation>
    </message>
    <message>
        <source>Pause the voicemail</source>
        <translation>Nachricht anhalten</translation>
    </message>
    <message>
        <source>Play the voicemail</source>
        <translation>Nachricht abspielen</translation>
    </message>
</context>
<context>
    <name>WebhookServer</name>
    <message>
        <source>Cannot listen on %1:%2: %3</source>
        <translation>Auf %1:%2 kann nicht gelauscht werden: %3</translation>
    </message>
</context>
<context>
    <name>WeeklyHoursEditor</name>
    <message>
        <source>No weekly hours yet, so nobody on these hours is ever rung. Add a window.</source>
        <translation>Noch keine wöchentlichen Zeiten, daher wird niemand mit diesem Zeitplan je angerufen. Fügen Sie ein Zeitfenster hinzu.</translation>
    </message>
    <message>
        <source>Add &amp;window</source>
        <translation>Zeit&amp;fenster hinzufügen</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Von</translation>
    </message>
    <message>
        <source>To</source>
        <translation>Bis</translation>
    </message>
    <message>
        <source>A window whose To is before its From runs past midnight into the next day; the same time in both means 24 hours.</source>
        <translation>Ein Zeitfenster, dessen „Bis“ vor seinem „Von“ liegt, reicht über Mitternacht in den nächsten Tag; dieselbe Uhrzeit in beiden bedeutet 24 Stunden.</translation>
    </message>
    <message>
        <source>%1, window %2</source>
        <translation>%1, Zeitfenster %2</translation>
    </message>
    <message>
        <source>From, window %1</source>
        <translation>Von, Zeitfenster %1</translation>
    </message>
    <message>
        <source>To, window %1</source>
        <translation>Bis, Zeitfenster %1</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <source>Remove window %1</source>
        <translation>Zeitfenster %1 entfernen</translation>
    </message>
    <message>
        <source>Tick at least one day.</source>
        <translation>Kreuzen Sie mindestens einen Tag an.</translation>
    </message>
</context>
<context>
    <name>WelcomePage</name>
    <message>
        <source>Welcome to Switchboard</source>
        <translation>Willkommen bei Switchboard</translation>
    </message>
    <message>
        <source>In about five minutes Switchboard will answer your practice&apos;s phone numbers: callers with a booking talk to your AI receptionist, everyone else rings a person, and nobody is dropped.</source>
        <translation>In etwa fünf Minuten beantwortet Switchboard die Telefonnummern Ihrer Praxis: Anrufer mit einem Termin sprechen mit Ihrer KI-Rezeption, bei allen anderen klingelt ein Mensch, und niemand wird abgewiesen.</translation>
    </message>
    <message>
        <source>Have these at hand:</source>
        <translation>Halten Sie bereit:</translation>
    </message>
    <message>
        <source>your Twilio account&apos;s SID and auth token (the Twilio console&apos;s home page shows both)</source>
        <translation>SID und Auth Token Ihres Twilio-Kontos (beides steht auf der Startseite der Twilio-Konsole)</translation>
    </message>
    <message>
        <source>the phone that should ring when nobody else can take a call</source>
        <translation>das Telefon, das klingeln soll, wenn sonst niemand einen Anruf annehmen kann</translation>
    </message>
    <message>
        <source>your Retell agent, if you use one (you can skip it)</source>
        <translation>Ihren Retell-Agenten, falls Sie einen nutzen (Sie können ihn überspringen)</translation>
    </message>
    <message>
        <source>a tunnel or port-forward that gives this computer an https address</source>
        <translation>einen Tunnel oder eine Portweiterleitung, die diesem Computer eine https-Adresse gibt</translation>
    </message>
    <message>
        <source>What you enter is saved page by page: you can stop at any time and go on later from Setup → Run the assistant again.</source>
        <translation>Was Sie eingeben, wird Seite für Seite gespeichert: Sie können jederzeit aufhören und später über Einrichtung → Assistenten erneut ausführen weitermachen.</translation>
    </message>
</context>
<context>
    <name>WrittenDateTime</name>
    <message>
        <source>%1 or %2</source>
        <translation>%1 oder %2</translation>
    </message>
</context>
</TS>
