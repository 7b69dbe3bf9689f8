<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>BackupBox</name>
    <message numerus="yes">
        <source>A copy of the database is made every day in %1; the copies of the last %n day(s) are kept.</source>
        <translation>
            <numerusform>A copy of the database is made every day in %1; the copy of the last %n day is kept.</numerusform>
            <numerusform>A copy of the database is made every day in %1; the copies of the last %n days are kept.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>BackupCommand</name>
    <message numerus="yes">
        <source>Backed up %n call(s) and everything else (%1) to %2 in %3 s.</source>
        <translation>
            <numerusform>Backed up %n call and everything else (%1) to %2 in %3 s.</numerusform>
            <numerusform>Backed up %n calls and everything else (%1) to %2 in %3 s.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CallBacks</name>
    <message numerus="yes">
        <source>%1 answered and talked with %2 for %n second(s).</source>
        <translation>
            <numerusform>%1 answered and talked with %2 for %n second.</numerusform>
            <numerusform>%1 answered and talked with %2 for %n seconds.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CallFlow</name>
    <message numerus="yes">
        <source> for %n second(s)</source>
        <translation>
            <numerusform> for %n second</numerusform>
            <numerusform> for %n seconds</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Ringing %1 for up to %n second(s); they must press 1 to take the call.</source>
        <translation>
            <numerusform>Ringing %1 for up to %n second; they must press 1 to take the call.</numerusform>
            <numerusform>Ringing %1 for up to %n seconds; they must press 1 to take the call.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Ringing %1 for up to %n second(s).</source>
        <translation>
            <numerusform>Ringing %1 for up to %n second.</numerusform>
            <numerusform>Ringing %1 for up to %n seconds.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Ringing the fallback number %1 for up to %n second(s).</source>
        <translation>
            <numerusform>Ringing the fallback number %1 for up to %n second.</numerusform>
            <numerusform>Ringing the fallback number %1 for up to %n seconds.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Played the menu (attempt 1 of %1) and waited %n second(s) for a key.</source>
        <translation>
            <numerusform>Played the menu (attempt 1 of %1) and waited %n second for a key.</numerusform>
            <numerusform>Played the menu (attempt 1 of %1) and waited %n seconds for a key.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The menu got no usable key in %n attempt(s).</source>
        <translation>
            <numerusform>The menu got no usable key in %n attempt.</numerusform>
            <numerusform>The menu got no usable key in %n attempts.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Asked the caller to leave a message of up to %n second(s).</source>
        <translation>
            <numerusform>Asked the caller to leave a message of up to %n second.</numerusform>
            <numerusform>Asked the caller to leave a message of up to %n seconds.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The caller left a message of %n second(s).</source>
        <translation>
            <numerusform>The caller left a message of %n second.</numerusform>
            <numerusform>The caller left a message of %n seconds.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CallRouter</name>
    <message numerus="yes">
        <source>The call ended (%1) after %n second(s): %2.</source>
        <translation>
            <numerusform>The call ended (%1) after %n second: %2.</numerusform>
            <numerusform>The call ended (%1) after %n seconds: %2.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CallerListsEditor</name>
    <message numerus="yes">
        <source>Blocked callers (%n)</source>
        <translation>
            <numerusform>Blocked callers (%n)</numerusform>
            <numerusform>Blocked callers (%n)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Allowed callers (%n)</source>
        <translation>
            <numerusform>Allowed callers (%n)</numerusform>
            <numerusform>Allowed callers (%n)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CustomersPanel</name>
    <message numerus="yes">
        <source>Delete %1 and their %n booking(s)?</source>
        <translation>
            <numerusform>Delete %1 and their %n booking?</numerusform>
            <numerusform>Delete %1 and their %n bookings?</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>FeedApiClient</name>
    <message numerus="yes">
        <source>%1 did not send %2 within %n s.</source>
        <translation>
            <numerusform>%1 did not send %2 within %n s.</numerusform>
            <numerusform>%1 did not send %2 within %n s.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>FeedClient</name>
    <message numerus="yes">
        <source>The router sent a message larger than %n MiB; the connection was closed.</source>
        <translation>
            <numerusform>The router sent a message larger than %n MiB; the connection was closed.</numerusform>
            <numerusform>The router sent a message larger than %n MiB; the connection was closed.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Cut off: %1 Next try in %n s.</source>
        <translation>
            <numerusform>Cut off: %1 Next try in %n s.</numerusform>
            <numerusform>Cut off: %1 Next try in %n s.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The router did not answer within %n s; the command may or may not have been carried out.</source>
        <translation>
            <numerusform>The router did not answer within %n s; the command may or may not have been carried out.</numerusform>
            <numerusform>The router did not answer within %n s; the command may or may not have been carried out.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The router did not answer within %n s.</source>
        <translation>
            <numerusform>The router did not answer within %n s.</numerusform>
            <numerusform>The router did not answer within %n s.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ImportCommand</name>
    <message numerus="yes">
        <source>Nothing was imported from %1: %n bad row(s). Fix them, or import the good rows with --skip-invalid.</source>
        <translation>
            <numerusform>Nothing was imported from %1: %n bad row. Fix it, or import the good rows with --skip-invalid.</numerusform>
            <numerusform>Nothing was imported from %1: %n bad rows. Fix them, or import the good rows with --skip-invalid.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, %n customer(s) created from booking phone numbers</source>
        <translation>
            <numerusform>, %n customer created from booking phone numbers</numerusform>
            <numerusform>, %n customers created from booking phone numbers</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, %n bad row(s) skipped</source>
        <translation>
            <numerusform>, %n bad row skipped</numerusform>
            <numerusform>, %n bad rows skipped</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>LiveMonitorPanel</name>
    <message numerus="yes">
        <source>%n call(s) in progress.</source>
        <translation>
            <numerusform>%n call in progress.</numerusform>
            <numerusform>%n calls in progress.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message numerus="yes">
        <source>%n call(s) are in progress.</source>
        <translation>
            <numerusform>%n call is in progress.</numerusform>
            <numerusform>%n calls are in progress.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n problem(s) to fix.</source>
        <translation>
            <numerusform>%n problem to fix.</numerusform>
            <numerusform>%n problems to fix.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MergeCustomersDialog</name>
    <message numerus="yes">
        <source>This entry: %1 (%n booking(s))</source>
        <translation>
            <numerusform>This entry: %1 (%n booking)</numerusform>
            <numerusform>This entry: %1 (%n bookings)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The other entry: %1 (%n booking(s))</source>
        <translation>
            <numerusform>The other entry: %1 (%n booking)</numerusform>
            <numerusform>The other entry: %1 (%n bookings)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n booking(s)</source>
        <translation>
            <numerusform>%n booking</numerusform>
            <numerusform>%n bookings</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n booking(s) move over from the other, which is then deleted. Calls stay in the call log. This cannot be undone.</source>
        <translation>
            <numerusform>%n booking moves over from the other, which is then deleted. Calls stay in the call log. This cannot be undone.</numerusform>
            <numerusform>%n bookings move over from the other, which is then deleted. Calls stay in the call log. This cannot be undone.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>NumbersPage</name>
    <message numerus="yes">
        <source>Your Twilio account has %n number(s). Tick the ones Switchboard should answer.</source>
        <translation>
            <numerusform>Your Twilio account has %n number. Tick it if Switchboard should answer it.</numerusform>
            <numerusform>Your Twilio account has %n numbers. Tick the ones Switchboard should answer.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PlanCommand</name>
    <message numerus="yes">
        <source>Nothing was imported from %1: %n fault(s).</source>
        <translation>
            <numerusform>Nothing was imported from %1: %n fault.</numerusform>
            <numerusform>Nothing was imported from %1: %n faults.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n team(s)</source>
        <translation>
            <numerusform>%n team</numerusform>
            <numerusform>%n teams</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n plan(s)</source>
        <translation>
            <numerusform>%n plan</numerusform>
            <numerusform>%n plans</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n rule(s)</source>
        <translation>
            <numerusform>%n rule</numerusform>
            <numerusform>%n rules</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PlanSaveBar</name>
    <message numerus="yes">
        <source>%n problem(s) to fix before the plan can be saved; they are marked in red.</source>
        <translation>
            <numerusform>%n problem to fix before the plan can be saved; they are marked in red.</numerusform>
            <numerusform>%n problems to fix before the plan can be saved; they are marked in red.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RemoteSeatWindow</name>
    <message numerus="yes">
        <source>Cut off from %1 — trying again in %n s</source>
        <translation>
            <numerusform>Cut off from %1 — trying again in %n s</numerusform>
            <numerusform>Cut off from %1 — trying again in %n s</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>StatsCommand</name>
    <message numerus="yes">
        <source>Total: %n call(s)</source>
        <translation>
            <numerusform>Total: %n call</numerusform>
            <numerusform>Total: %n calls</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Answered %1, AI agent %2, missed %3, voicemail %4 of the %n finished call(s) that were not blocked</source>
        <translation>
            <numerusform>Answered %1, AI agent %2, missed %3, voicemail %4 of the %n finished call that were not blocked</numerusform>
            <numerusform>Answered %1, AI agent %2, missed %3, voicemail %4 of the %n finished calls that were not blocked</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 %2:00-%3:00 (%n call(s))</source>
        <translation>
            <numerusform>%1 %2:00-%3:00 (%n call)</numerusform>
            <numerusform>%1 %2:00-%3:00 (%n calls)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Call back: %n caller(s) whose missed calls nobody returned, newest first</source>
        <translation>
            <numerusform>Call back: %n caller whose missed calls nobody returned, newest first</numerusform>
            <numerusform>Call back: %n callers whose missed calls nobody returned, newest first</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>... and %n more; --json lists them all.</source>
        <translation>
            <numerusform>... and %n more; --json lists them all.</numerusform>
            <numerusform>... and %n more; --json lists them all.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>StatsPanel</name>
    <message numerus="yes">
        <source>%1 %2–%3: %n call(s)</source>
        <translation>
            <numerusform>%1 %2–%3: %n call</numerusform>
            <numerusform>%1 %2–%3: %n calls</numerusform>
        </translation>
    </message>
</context>
</TS>
