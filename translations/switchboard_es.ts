<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es">
<context>
    <name>BookingImporter</name>
    <message>
        <source>customer_id or phone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>booking_id is empty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>booking_id &quot;%1&quot; is already used on line %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>customer_id &quot;%1&quot; is not a known customer; import the customers first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>phone &quot;%1&quot; is not a phone number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the booking names no customer: customer_id and phone are both empty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>starts_at is empty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>starts_at &quot;%1&quot; is not a date and time like 2026-03-01T09:30 or 2026-03-01T09:30-05:00</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ends_at &quot;%1&quot; is not a date and time like 2026-03-01T10:30 or 2026-03-01T10:30-05:00</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ends_at &quot;%1&quot; is before starts_at &quot;%2&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>status &quot;%1&quot; is not one of %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>BookingStore</name>
    <message>
        <source>A booking needs an id to be inserted or updated by id.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The booking %1 could not be read back for updating.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CallRouter</name>
    <message>
        <source>an unknown number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>en-US</source>
        <extracomment>The language Twilio&apos;s voice reads the closing sentence in, as a BCP 47 tag (de-DE, es-ES): it must match the language of the translated sentence.</extracomment>
        <translation>es-ES</translation>
    </message>
    <message>
        <source>We&apos;re sorry, nobody can take your call right now. Please try again later. Goodbye.</source>
        <translation>Lo sentimos, en este momento nadie puede atender su llamada. Por favor, inténtelo de nuevo más tarde. Adiós.</translation>
    </message>
    <message>
        <source>Incoming call from %1 to %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Routing is switched off (routing.enabled is false).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The caller&apos;s number is withheld, so there is nobody to look up.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No customer is saved with the number %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is a customer with no active booking.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 has an active booking %2 (%3) on %4.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The caller ID &quot;%1&quot; is not a phone number, so there is nobody to look up.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The AI agent is not set up (retell.api_key and retell.agent_id are needed).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The caller hung up before the AI agent was ready.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Registered the call with the AI agent (Retell call %1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connecting the caller to the AI agent at %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The AI agent could not take the call.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The registration with the AI agent was interrupted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Twilio sent this call again; answered as before.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A dial result arrived for a call with no record here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The fallback number had already rung.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Twilio repeated this dial result; answered as before.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no status</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source> for %n second(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>The AI agent took the call%1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The fallback number answered%1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The AI agent&apos;s line did not connect (%1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The fallback number did not answer (%1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status &quot;%1&quot; arrived after the call had ended; ignored.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status &quot;%1&quot; arrived after &quot;%2&quot;; ignored.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The call is %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>The call ended (%1) after %n second(s); outcome: %2.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Ringing the fallback number %1 for up to %n second(s).</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>No fallback number is set (routing.fallback_number).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The fallback number has already rung.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Played the closing message and hung up.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CallsCommand</name>
    <message>
        <source>No call with the id &quot;%1&quot;.</source>
        <translation>No hay ninguna llamada con el id «%1».</translation>
    </message>
    <message>
        <source>Call %1</source>
        <translation>Llamada %1</translation>
    </message>
    <message>
        <source>  From:     %1%2</source>
        <translation>  De:        %1%2</translation>
    </message>
    <message>
        <source>  To:       %1</source>
        <translation>  A:         %1</translation>
    </message>
    <message>
        <source>  Started:  %1</source>
        <translation>  Inicio:    %1</translation>
    </message>
    <message>
        <source>  Ended:    %1</source>
        <translation>  Fin:       %1</translation>
    </message>
    <message>
        <source>not yet</source>
        <translation>todavía no</translation>
    </message>
    <message>
        <source>  Duration: %1</source>
        <translation>  Duración:  %1</translation>
    </message>
    <message>
        <source>  Outcome:  %1</source>
        <translation>  Resultado: %1</translation>
    </message>
    <message>
        <source>  Booking:  %1</source>
        <translation>  Cita:      %1</translation>
    </message>
    <message>
        <source>Timeline:</source>
        <translation>Cronología:</translation>
    </message>
    <message>
        <source>Usage: switchboard calls [--json] [--caller PREFIX] [--outcome OUTCOME] [--limit N]
       switchboard calls show CALLSID [--json]
Lists calls, newest first. Outcomes: ongoing, ai_agent, answered, voicemail,
missed, blocked, failed.
</source>
        <translation>Uso: switchboard calls [--json] [--caller PREFIJO] [--outcome RESULTADO] [--limit N]
     switchboard calls show CALLSID [--json]
Enumera las llamadas, las más recientes primero. Resultados: ongoing, ai_agent, answered,
voicemail, missed, blocked, failed.
</translation>
    </message>
    <message>
        <source>--limit must be a whole number of 1 or more.</source>
        <translation>--limit debe ser un número entero igual o mayor que 1.</translation>
    </message>
    <message>
        <source>--outcome: &quot;%1&quot; is not an outcome (ongoing, ai_agent, answered, voicemail, missed, blocked, failed).</source>
        <translation>--outcome: «%1» no es un resultado (ongoing, ai_agent, answered, voicemail, missed, blocked, failed).</translation>
    </message>
    <message>
        <source>No calls.</source>
        <translation>No hay llamadas.</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>Inicio</translation>
    </message>
    <message>
        <source>From</source>
        <translation>De</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Cliente</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Resultado</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Duración</translation>
    </message>
    <message>
        <source>Call</source>
        <translation>Llamada</translation>
    </message>
</context>
<context>
    <name>CommandLine</name>
    <message>
        <source>Usage: switchboard [--data-dir DIR] COMMAND [OPTIONS]

Commands:
  gui                                   the desktop app (default)
  serve [--listen HOST:PORT]            run the call router headless until stopped
  config set KEY VALUE | get KEY | unset KEY | list
  import customers FILE.csv [--skip-invalid]
  import bookings FILE.csv [--skip-invalid]
  calls [--json] [--caller PREFIX] [--outcome OUTCOME] [--limit N]
  calls show CALLSID [--json]

Global options:
  --data-dir DIR   where the database and settings live (env SWITCHBOARD_DATA_DIR)
  --help           this text; `switchboard COMMAND --help` for one command
  --version        the version
</source>
        <translation>Uso: switchboard [--data-dir CARPETA] COMANDO [OPCIONES]

Comandos:
  gui                                   la aplicación de escritorio (por defecto)
  serve [--listen HOST:PUERTO]          ejecuta el enrutador de llamadas sin ventana hasta que se detenga
  config set CLAVE VALOR | get CLAVE | unset CLAVE | list
  import customers ARCHIVO.csv [--skip-invalid]
  import bookings ARCHIVO.csv [--skip-invalid]
  calls [--json] [--caller PREFIJO] [--outcome RESULTADO] [--limit N]
  calls show CALLSID [--json]

Opciones globales:
  --data-dir CARPETA   dónde están la base de datos y los ajustes (variable de entorno SWITCHBOARD_DATA_DIR)
  --help               este texto; `switchboard COMANDO --help` para un solo comando
  --version            la versión
</translation>
    </message>
    <message>
        <source>--data-dir needs a folder.</source>
        <translation>--data-dir necesita una carpeta.</translation>
    </message>
    <message>
        <source>The desktop app is not part of this build yet; run `switchboard serve` for the router.</source>
        <translation>La aplicación de escritorio aún no forma parte de esta compilación; ejecute `switchboard serve` para el enrutador.</translation>
    </message>
    <message>
        <source>Unknown command &quot;%1&quot;.</source>
        <translation>Comando desconocido «%1».</translation>
    </message>
</context>
<context>
    <name>ConfigCommand</name>
    <message>
        <source>Usage: switchboard config set KEY VALUE | get KEY | unset KEY | list
Settings are checked when set; phone numbers are stored as E.164. Secrets
(twilio.auth_token, retell.api_key) are stored encrypted and shown as (set).
</source>
        <translation>Uso: switchboard config set CLAVE VALOR | get CLAVE | unset CLAVE | list
Los ajustes se comprueban al establecerlos; los números de teléfono se guardan en formato E.164.
Los secretos (twilio.auth_token, retell.api_key) se guardan cifrados y se muestran como (set).
</translation>
    </message>
    <message>
        <source>Unknown setting &quot;%1&quot;; run `switchboard config list` to see them all.</source>
        <translation>Ajuste desconocido «%1»; ejecute `switchboard config list` para verlos todos.</translation>
    </message>
    <message>
        <source>A VALUE of - is read from standard input, which keeps a secret out of the shell
history and the process list.
</source>
        <translation>Un VALUE de - se lee de la entrada estándar, lo que mantiene un secreto fuera del
historial de la shell y de la lista de procesos.
</translation>
    </message>
    <message>
        <source>Cannot read the value of %1 from standard input.</source>
        <translation>No se puede leer el valor de %1 de la entrada estándar.</translation>
    </message>
    <message>
        <source>No value for %1 arrived on standard input.</source>
        <translation>No llegó ningún valor para %1 por la entrada estándar.</translation>
    </message>
</context>
<context>
    <name>CsvReader</name>
    <message>
        <source>The input could not be read: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The text is UTF-16, not UTF-8.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Line %1 is not valid UTF-8 text.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The quoted field that starts on line %1 has no closing quote.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CsvTableImporter</name>
    <message>
        <source>%1 does not name the required columns %2 in its first row (expected: %3).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 names the columns %2 more than once in its first row.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read %1 to the end: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is UTF-16 text; save it as UTF-8 and import it again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not UTF-8 text (line %2); save it as UTF-8 and import it again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 has a quoted value starting on line %2 that never ends; a closing double quote is missing.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read %1: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is empty; it needs a first row naming the columns.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot import %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the row has %1 values but the first row names %2 columns; a value containing a comma must be in double quotes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot import %1 (line %2): %3</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CustomerImporter</name>
    <message>
        <source>customer_id is empty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>customer_id &quot;%1&quot; is already used on line %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>phone &quot;%1&quot; is not a phone number</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CustomerStore</name>
    <message>
        <source>There is no customer with id %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A customer needs an id to be inserted or updated by id.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The customer %1 could not be read back for updating.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DataDirectory</name>
    <message>
        <source>Cannot create the data folder %1.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Database</name>
    <message>
        <source>Cannot create the data folder %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot open the database %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read the schema version of %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The database %1 was written by a newer Switchboard (schema %2; this one knows %3).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not a Switchboard database (SQLite cannot read it); move it away or choose another data folder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The database %1 is locked by another program; try again in a moment.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Database error in %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ImportCommand</name>
    <message>
        <source>Usage: switchboard import customers FILE.csv [--skip-invalid]
       switchboard import bookings FILE.csv [--skip-invalid]
customers columns: customer_id,name,phone,email,notes[,assigned_staff]
bookings columns:  booking_id,customer_id,customer_name,phone,starts_at,ends_at,status,service,staff
A file with any bad row imports nothing and lists every bad row; --skip-invalid
imports the good rows. Re-importing updates rows with the same id.
</source>
        <translation>Uso: switchboard import customers ARCHIVO.csv [--skip-invalid]
     switchboard import bookings ARCHIVO.csv [--skip-invalid]
columnas de customers: customer_id,name,phone,email,notes[,assigned_staff]
columnas de bookings:  booking_id,customer_id,customer_name,phone,starts_at,ends_at,status,service,staff
Un archivo con alguna fila incorrecta no importa nada y enumera todas las filas incorrectas;
--skip-invalid importa las filas correctas. Volver a importar actualiza las filas con el mismo id.
</translation>
    </message>
    <message>
        <source>Nothing was imported from %1: the database refused the changes.</source>
        <translation>No se importó nada de %1: la base de datos rechazó los cambios.</translation>
    </message>
    <message>
        <source>Nothing was imported from %1: %2 bad row(s). Fix them, or import the good rows with --skip-invalid.</source>
        <translation>No se importó nada de %1: %2 fila(s) incorrecta(s). Corríjalas o importe las filas correctas con --skip-invalid.</translation>
    </message>
    <message>
        <source>Imported customers from %1: %2 new, %3 updated</source>
        <translation>Clientes importados de %1: %2 nuevos, %3 actualizados</translation>
    </message>
    <message>
        <source>Imported bookings from %1: %2 new, %3 updated</source>
        <translation>Citas importadas de %1: %2 nuevas, %3 actualizadas</translation>
    </message>
    <message>
        <source>, %1 customer(s) created from booking phone numbers</source>
        <translation>, %1 cliente(s) creado(s) a partir de los teléfonos de las citas</translation>
    </message>
    <message>
        <source>, %1 bad row(s) skipped</source>
        <translation>, %1 fila(s) incorrecta(s) omitida(s)</translation>
    </message>
</context>
<context>
    <name>KeychainEntry</name>
    <message>
        <source>the system keychain did not answer within %1 seconds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the system keychain has no entry &quot;%1&quot; for service &quot;%2&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the system keychain reported: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no answer within %1 seconds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the system keychain could not store the entry &quot;%1&quot; (%2)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MasterKey</name>
    <message>
        <source>Cannot create the data folder %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read the key file %1: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The key file %1 is damaged: it is far too large to hold a key.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The key file %1 is damaged: it holds neither a key nor a keychain reference, so stored secrets cannot be decrypted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The key file %1 is damaged: its key is not %2 bytes of base64.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The key file %1 says the master key is in the system keychain, which is not available here (no desktop session, or SWITCHBOARD_KEYCHAIN=0); run Switchboard in the desktop session that created this data folder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read the master key that %1 places in the system keychain: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The system keychain entry &quot;%1&quot; named by %2 does not hold a valid key.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot create the master key for %1: the system has no source of secure random numbers.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot create the key file %1: %2.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PhoneNormalizer</name>
    <message>
        <source>No phone number was given.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is a withheld caller ID, not a phone number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; does not start with a known country code.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; has no country code, and the default region &quot;%2&quot; is not a known region.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is too short to be a phone number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is too long to be a phone number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a phone number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; lacks its area code.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; has the wrong number of digits to be a phone number.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RetellClient</name>
    <message>
        <source>Retell cannot be reached because the network access has been shut down.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The Retell API address is not a valid http or https URL.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The Retell API key is missing or contains characters that cannot be sent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No Retell agent is configured for this number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The called number is missing, so the call cannot be registered with Retell.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Retell did not answer within %1 ms.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Retell&apos;s answer is larger than %1 KiB, so it cannot be a call registration.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Retell answered with something that is not JSON.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Retell answered with JSON that is not an object.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Retell&apos;s answer has no call_id.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Retell&apos;s answer has a call_id that cannot be put into a SIP address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not connect to Retell at %1: the connection was refused.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not connect to Retell: the host %1 was not found.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Retell at %1 closed the connection before answering.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not reach Retell at %1: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Retell refused the API key (HTTP %1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Retell refused the API key (HTTP %1: %2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Retell answered HTTP %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Retell answered HTTP %1: %2.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SecretBox</name>
    <message>
        <source>The master key is not %1 bytes long, so no secret can be decrypted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The stored secret is not in a format this version of Switchboard knows.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The stored secret is damaged (it is not a complete encrypted value).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The stored secret could not be decrypted because the encryption library failed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The stored secret cannot be decrypted: it was encrypted with a different master key, for a different setting, or has been altered.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ServeCommand</name>
    <message>
        <source>Usage: switchboard serve [--listen HOST:PORT]
Runs the call router without a window until SIGINT or SIGTERM. Listens on server.listen
(default 127.0.0.1:8080) unless --listen says otherwise.
</source>
        <translation>Uso: switchboard serve [--listen HOST:PUERTO]
Ejecuta el enrutador de llamadas sin ventana hasta recibir SIGINT o SIGTERM. Escucha en
server.listen (por defecto 127.0.0.1:8080) salvo que --listen indique otra cosa.
</translation>
    </message>
    <message>
        <source>serve takes no arguments besides --listen.</source>
        <translation>serve no admite más argumentos que --listen.</translation>
    </message>
    <message>
        <source>--listen: &quot;%1&quot; is not HOST:PORT (for example 127.0.0.1:8080).</source>
        <translation>--listen: «%1» no tiene la forma HOST:PUERTO (por ejemplo, 127.0.0.1:8080).</translation>
    </message>
    <message>
        <source>Cannot install the signal handlers.</source>
        <translation>No se pueden instalar los manejadores de señales.</translation>
    </message>
    <message>
        <source>Switchboard is routing calls on %1 (data: %2).</source>
        <translation>Switchboard está enrutando llamadas en %1 (datos: %2).</translation>
    </message>
    <message>
        <source>Voice webhook:   %1</source>
        <translation>Webhook de voz:     %1</translation>
    </message>
    <message>
        <source>Status callback: %1</source>
        <translation>Callback de estado: %1</translation>
    </message>
    <message>
        <source>Note: server.public_url is not set; Twilio needs a public URL (a tunnel or port-forward) to reach this machine.</source>
        <translation>Nota: server.public_url no está definido; Twilio necesita una URL pública (un túnel o una redirección de puertos) para llegar a este equipo.</translation>
    </message>
    <message>
        <source>Warning: twilio.auth_token is not set; every webhook will be refused until it is.</source>
        <translation>Aviso: twilio.auth_token no está definido; se rechazará cada webhook hasta que lo esté.</translation>
    </message>
    <message>
        <source>Routing is off (routing.enabled=false): calls ring the fallback number.</source>
        <translation>El enrutamiento está desactivado (routing.enabled=false): las llamadas suenan en el número de respaldo.</translation>
    </message>
    <message>
        <source>Stopped.</source>
        <translation>Detenido.</translation>
    </message>
</context>
<context>
    <name>Settings</name>
    <message>
        <source>Unknown setting &quot;%1&quot;; run `switchboard config list` to see them all.</source>
        <translation>Ajuste desconocido «%1»; ejecute `switchboard config list` para verlos todos.</translation>
    </message>
    <message>
        <source>Unknown setting &quot;%1&quot; (did you mean &quot;%2&quot;?); run `switchboard config list` to see them all.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: &quot;%2&quot; is not a web address; expected an absolute http or https URL such as %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: &quot;%2&quot; must not have a query (?…) or a fragment (#…).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: &quot;%2&quot; is not a phone number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 cannot be empty; run `switchboard config unset %1` to clear it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: &quot;%2&quot; is not an account SID; expected AC followed by 32 hexadecimal digits.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 must be a single word with no spaces.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: &quot;%2&quot; is not a host name; expected letters, digits, dots and hyphens, optionally followed by :PORT.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 must be a whole number from %2 to %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 must be true or false.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: &quot;%2&quot; is not a known region; expected a two-letter country code such as US or GB.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: &quot;%2&quot; is not HOST:PORT; expected for example 127.0.0.1:8080, [::1]:8080 or :8080, with a port from 1 to 65535.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 must be at least %2 characters of letters, digits, &quot;-&quot; and &quot;_&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 could not be encrypted, so it was not saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The stored %1 cannot be decrypted: it was saved with a different master key (secret.key) or has been altered; set it again with `switchboard config set %1 VALUE`.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot create %1: the system has no source of secure random numbers.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SettingsStore</name>
    <message>
        <source>Cannot read the setting %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read the settings: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot save the setting %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot remove the setting %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TwilioWebhookHandler</name>
    <message>
        <source>The request body is larger than 64 KiB.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The webhook token in the URL is not this app&apos;s token.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Webhooks cannot be verified: twilio.auth_token is not set.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The request has no X-Twilio-Signature header.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The X-Twilio-Signature does not match this request.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WebhookServer</name>
    <message>
        <source>Cannot listen on %1:%2: %3</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
