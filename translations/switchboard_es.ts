<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es">
<context>
    <name>AboutDialog</name>
    <message>
        <source>windows, networking, database access</source>
        <translation>ventanas, red, acceso a la base de datos</translation>
    </message>
    <message>
        <source>statistics charts, the webhook server</source>
        <translation>gráficos de estadísticas, el servidor de webhooks</translation>
    </message>
    <message>
        <source>waiting on the network without freezing</source>
        <translation>esperar a la red sin que nada se congele</translation>
    </message>
    <message>
        <source>reading and writing phone numbers</source>
        <translation>leer y escribir números de teléfono</translation>
    </message>
    <message>
        <source>used by libphonenumber</source>
        <translation>usadas por libphonenumber</translation>
    </message>
    <message>
        <source>languages and time zones</source>
        <translation>idiomas y zonas horarias</translation>
    </message>
    <message>
        <source>signatures and encryption</source>
        <translation>firmas y cifrado</translation>
    </message>
    <message>
        <source>the database</source>
        <translation>la base de datos</translation>
    </message>
    <message>
        <source>public domain</source>
        <translation>dominio público</translation>
    </message>
    <message>
        <source>keeping secrets in the system&apos;s keychain</source>
        <translation>guardar secretos en el llavero del sistema</translation>
    </message>
    <message>
        <source>About Switchboard</source>
        <translation>Acerca de Switchboard</translation>
    </message>
    <message>
        <source>Answers your business&apos;s Twilio numbers on this computer: callers with a booking talk to your AI receptionist, everyone else rings a person.</source>
        <translation>Atiende los números de Twilio de su negocio en este ordenador: quien tiene una cita habla con su recepcionista de IA; para los demás suena el teléfono de una persona.</translation>
    </message>
    <message>
        <source>Built with Qt %1, running on Qt %2.</source>
        <translation>Compilado con Qt %1, funcionando con Qt %2.</translation>
    </message>
    <message>
        <source>Built on these libraries, under their licences:</source>
        <translation>Construido sobre estas bibliotecas, bajo sus licencias:</translation>
    </message>
    <message>
        <source>Because Qt Charts and Qt HTTP Server are under the GPL, Switchboard as a whole is distributed under the GPL-3.0.</source>
        <translation>Como Qt Charts y Qt HTTP Server están bajo la GPL, Switchboard en su conjunto se distribuye bajo la GPL-3.0.</translation>
    </message>
    <message>
        <source>playing voicemails</source>
        <translation>reproducir mensajes de voz</translation>
    </message>
</context>
<context>
    <name>AccountPage</name>
    <message>
        <source>Your Twilio account</source>
        <translation>Su cuenta de Twilio</translation>
    </message>
    <message>
        <source>Your phone numbers live at Twilio: with your account Switchboard finds them and points them here, and the auth token proves that each call really comes from Twilio.</source>
        <translation>Sus números de teléfono están en Twilio: con su cuenta, Switchboard los encuentra y los dirige aquí, y el auth token demuestra que cada llamada viene realmente de Twilio.</translation>
    </message>
    <message>
        <source>Account SID</source>
        <translation>Account SID</translation>
    </message>
    <message>
        <source>AC followed by 32 letters and digits</source>
        <translation>AC seguido de 32 letras y dígitos</translation>
    </message>
    <message>
        <source>Auth token</source>
        <translation>Auth token</translation>
    </message>
    <message>
        <source>Both are in the Account Info box on the Twilio console&apos;s home page.</source>
        <translation>Ambos están en el recuadro «Account Info» de la página de inicio de la consola de Twilio.</translation>
    </message>
    <message>
        <source>My account uses an API key for its REST API</source>
        <translation>Mi cuenta usa una clave de API para su API REST</translation>
    </message>
    <message>
        <source>API key SID</source>
        <translation>SID de la clave de API</translation>
    </message>
    <message>
        <source>SK…</source>
        <translation>SK…</translation>
    </message>
    <message>
        <source>API key secret</source>
        <translation>Secreto de la clave de API</translation>
    </message>
    <message>
        <source>Used instead of the auth token to change your numbers; the auth token is still needed to check each call.</source>
        <translation>Se usa en lugar del auth token para cambiar sus números; el auth token sigue siendo necesario para comprobar cada llamada.</translation>
    </message>
</context>
<context>
    <name>ActionDialog</name>
    <message>
        <source>Done</source>
        <translation>Listo</translation>
    </message>
</context>
<context>
    <name>ActionEditor</name>
    <message>
        <source>%1 (missing)</source>
        <translation>%1 (no existe)</translation>
    </message>
    <message>
        <source>Add key</source>
        <translation>Añadir tecla</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>Editar…</translation>
    </message>
    <message>
        <source>Remove key</source>
        <translation>Quitar tecla</translation>
    </message>
    <message>
        <source>+1 555 000 1234</source>
        <translation>+1 555 000 1234</translation>
    </message>
    <message>
        <source>Usual</source>
        <translation>Habitual</translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>Tecla</translation>
    </message>
    <message>
        <source>Then</source>
        <translation>Entonces</translation>
    </message>
    <message>
        <source>Menu keys</source>
        <translation>Teclas del menú</translation>
    </message>
    <message>
        <source>The usual: the fallback number, then voicemail or the closing message</source>
        <translation>Lo habitual: el número de respaldo y después el buzón de voz o el mensaje final</translation>
    </message>
    <message>
        <source>Something else</source>
        <translation>Otra cosa</translation>
    </message>
    <message>
        <source>&amp;Do</source>
        <translation>&amp;Acción</translation>
    </message>
    <message>
        <source>T&amp;eam</source>
        <translation>Equip&amp;o</translation>
    </message>
    <message>
        <source>&amp;Person</source>
        <translation>Pers&amp;ona</translation>
    </message>
    <message>
        <source>Numb&amp;er</source>
        <translation>Númer&amp;o</translation>
    </message>
    <message>
        <source>Rin&amp;g for</source>
        <translation>Sonar d&amp;urante</translation>
    </message>
    <message>
        <source>Wait for a key</source>
        <translation>Esperar una tecla</translation>
    </message>
    <message>
        <source>Prompts</source>
        <translation>Intentos</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>Teclas</translation>
    </message>
    <message>
        <source>If nobody answers</source>
        <translation>Si nadie contesta</translation>
    </message>
    <message>
        <source>Key %1</source>
        <translation>Tecla %1</translation>
    </message>
    <message>
        <source>Prompt</source>
        <translation>Aviso</translation>
    </message>
    <message>
        <source>Greeting</source>
        <translation>Saludo</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Mensaje</translation>
    </message>
    <message>
        <source>For appointments press 1. For billing press 2.</source>
        <translation>Para citas, pulse 1. Para facturación, pulse 2.</translation>
    </message>
    <message>
        <source>Empty: the plan&apos;s voicemail greeting</source>
        <translation>Vacío: el saludo del buzón de voz del plan</translation>
    </message>
    <message>
        <source>What the caller hears before the call ends</source>
        <translation>Lo que oye el llamante antes de que termine la llamada</translation>
    </message>
    <message>
        <source>%1 — needs fixing</source>
        <translation>%1 — hay que corregirlo</translation>
    </message>
    <message>
        <source>Needs fixing: %1</source>
        <translation>Hay que corregir: %1</translation>
    </message>
</context>
<context>
    <name>ActionText</name>
    <message>
        <source>Hand to the AI agent</source>
        <translation>Transferir al agente de IA</translation>
    </message>
    <message>
        <source>Ring a team (none chosen)</source>
        <translation>Llamar a un equipo (ninguno elegido)</translation>
    </message>
    <message>
        <source>Ring team %1</source>
        <translation>Llamar al equipo %1</translation>
    </message>
    <message>
        <source>Ring a staff member (none chosen)</source>
        <translation>Llamar a alguien del personal (nadie elegido)</translation>
    </message>
    <message>
        <source>Ring %1</source>
        <translation>Llamar a %1</translation>
    </message>
    <message>
        <source>Ring a number (none given)</source>
        <translation>Llamar a un número (ninguno indicado)</translation>
    </message>
    <message>
        <source>Ring the caller&apos;s own staff member</source>
        <translation>Llamar a la persona del personal asignada al llamante</translation>
    </message>
    <message>
        <source>Ring whoever answers for the number called</source>
        <translation>Llamar a quien atiende el número llamado</translation>
    </message>
    <message>
        <source>%1 → %2</source>
        <translation>%1 → %2</translation>
    </message>
    <message>
        <source>Menu with no keys yet</source>
        <translation>Menú aún sin teclas</translation>
    </message>
    <message>
        <source>Menu: %1</source>
        <translation>Menú: %1</translation>
    </message>
    <message>
        <source>Take a voicemail</source>
        <translation>Grabar un mensaje de voz</translation>
    </message>
    <message>
        <source>Say %1 and hang up</source>
        <translation>Reproducir %1 y colgar</translation>
    </message>
    <message>
        <source>Reject the call</source>
        <translation>Rechazar la llamada</translation>
    </message>
    <message>
        <source>Ring a team</source>
        <translation>Llamar a un equipo</translation>
    </message>
    <message>
        <source>Ring a staff member</source>
        <translation>Llamar a alguien del personal</translation>
    </message>
    <message>
        <source>Ring a phone number</source>
        <translation>Llamar a un número de teléfono</translation>
    </message>
    <message>
        <source>Play a keypad menu</source>
        <translation>Reproducir un menú de teclado</translation>
    </message>
    <message>
        <source>Say a message and hang up</source>
        <translation>Reproducir un mensaje y colgar</translation>
    </message>
    <message>
        <source>%1; if nobody answers: %2</source>
        <translation>%1; si nadie contesta: %2</translation>
    </message>
    <message>
        <source>has a booking</source>
        <translation>con cita</translation>
    </message>
    <message>
        <source>has no booking</source>
        <translation>sin cita</translation>
    </message>
    <message>
        <source>caller on list &quot;%1&quot;</source>
        <translation>llamante en la lista «%1»</translation>
    </message>
    <message>
        <source>caller not on list &quot;%1&quot;</source>
        <translation>llamante fuera de la lista «%1»</translation>
    </message>
    <message>
        <source>calls to %1</source>
        <translation>llamadas a %1</translation>
    </message>
    <message>
        <source>Always</source>
        <translation>Siempre</translation>
    </message>
    <message>
        <source>“%1”</source>
        <translation>«%1»</translation>
    </message>
    <message>
        <source>the recording %1</source>
        <translation>la grabación %1</translation>
    </message>
    <message>
        <source>nothing</source>
        <translation>nada</translation>
    </message>
    <message>
        <source>during &quot;%1&quot;</source>
        <translation>durante «%1»</translation>
    </message>
    <message>
        <source>outside &quot;%1&quot;</source>
        <translation>fuera de «%1»</translation>
    </message>
</context>
<context>
    <name>AgentPage</name>
    <message>
        <source>Your AI receptionist (optional)</source>
        <translation>Su recepcionista de IA (opcional)</translation>
    </message>
    <message>
        <source>Callers with a booking can talk to your Retell AI agent; skip this page and they ring a person like everyone else.</source>
        <translation>Quienes llaman con una cita pueden hablar con su agente de IA de Retell; si omite esta página, suena el teléfono de una persona, como para todos los demás.</translation>
    </message>
    <message>
        <source>Retell API key</source>
        <translation>Clave de API de Retell</translation>
    </message>
    <message>
        <source>Voice agent ID</source>
        <translation>ID del agente de voz</translation>
    </message>
    <message>
        <source>agent_…</source>
        <translation>agent_…</translation>
    </message>
    <message>
        <source>From the Retell dashboard; a chat agent cannot take phone calls.</source>
        <translation>Del panel de Retell; un agente de chat no puede atender llamadas telefónicas.</translation>
    </message>
    <message>
        <source>&amp;Skip &gt;</source>
        <translation>&amp;Omitir &gt;</translation>
    </message>
    <message>
        <source>Enter the voice agent ID too, or clear the API key to skip this page.</source>
        <translation>Escriba también el ID del agente de voz, o borre la clave de API para omitir esta página.</translation>
    </message>
    <message>
        <source>Enter the Retell API key too, or clear the agent ID to skip this page.</source>
        <translation>Escriba también la clave de API de Retell, o borre el ID del agente para omitir esta página.</translation>
    </message>
</context>
<context>
    <name>ApplyPage</name>
    <message>
        <source>Point the numbers here</source>
        <translation>Dirigir los números aquí</translation>
    </message>
    <message>
        <source>Until Twilio is told, your numbers&apos; calls go where they went before; nothing changes on your Twilio account until you press Apply.</source>
        <translation>Mientras Twilio no lo sepa, las llamadas a sus números van adonde iban antes; nada cambia en su cuenta de Twilio hasta que pulse «Aplicar».</translation>
    </message>
    <message>
        <source>Apply to Twilio</source>
        <translation>Aplicar en Twilio</translation>
    </message>
    <message>
        <source>Apply to Twilio will:</source>
        <translation>«Aplicar en Twilio» hará lo siguiente:</translation>
    </message>
    <message>
        <source>send the calls to %1 to Switchboard on this computer</source>
        <translation>enviar las llamadas a %1 a Switchboard en este ordenador</translation>
    </message>
    <message>
        <source>have Twilio itself ring %1 whenever this computer cannot answer (switched off, asleep, offline)</source>
        <translation>hacer que Twilio mismo llame a %1 siempre que este ordenador no pueda contestar (apagado, en reposo, sin conexión)</translation>
    </message>
    <message>
        <source>start routing calls by your plan</source>
        <translation>empezar a enrutar las llamadas según su plan</translation>
    </message>
    <message>
        <source>Pointing the numbers at this app…</source>
        <translation>Dirigiendo los números a esta aplicación…</translation>
    </message>
</context>
<context>
    <name>AssistantPage</name>
    <message>
        <source>Fix:</source>
        <translation>Solución:</translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation>No guardado: %1</translation>
    </message>
</context>
<context>
    <name>AutostartEntry</name>
    <message>
        <source>Cannot create the folder %1.</source>
        <translation>No se puede crear la carpeta %1.</translation>
    </message>
    <message>
        <source>Cannot write %1: %2.</source>
        <translation>No se puede escribir %1: %2.</translation>
    </message>
    <message>
        <source>Cannot remove %1: %2.</source>
        <translation>No se puede eliminar %1: %2.</translation>
    </message>
</context>
<context>
    <name>BackupBox</name>
    <message>
        <source>Backups</source>
        <translation>Copias de seguridad</translation>
    </message>
    <message>
        <source>Back up now</source>
        <translation>Hacer copia ahora</translation>
    </message>
    <message>
        <source>No backup yet.</source>
        <translation>Aún no hay ninguna copia.</translation>
    </message>
    <message>
        <source>Last backup: %1 (%2).</source>
        <translation>Última copia: %1 (%2).</translation>
    </message>
    <message>
        <source>Backing up…</source>
        <translation>Haciendo la copia…</translation>
    </message>
    <message>
        <source>Cannot create the backup folder %1.</source>
        <translation>No se puede crear la carpeta de copias %1.</translation>
    </message>
    <message>
        <source>Backed up to %1.</source>
        <translation>Copia hecha en %1.</translation>
    </message>
    <message>
        <source>none (off)</source>
        <translation>ninguna (desactivado)</translation>
    </message>
    <message>
        <source> days</source>
        <translation> días</translation>
    </message>
    <message>
        <source>Keep the daily copies of the last</source>
        <translation>Conservar las copias diarias de los últimos</translation>
    </message>
    <message numerus="yes">
        <source>A copy of the database is made every day in %1; the copies of the last %n day(s) are kept.</source>
        <translation>
            <numerusform>Cada día se hace una copia de la base de datos en %1; se conserva la copia del último %n día.</numerusform>
            <numerusform>Cada día se hace una copia de la base de datos en %1; se conservan las copias de los últimos %n días.</numerusform>
        </translation>
    </message>
    <message>
        <source>Daily copies are off.</source>
        <translation>Las copias diarias están desactivadas.</translation>
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
        <translation>Uso: switchboard backup ARCHIVO
Copia la base de datos (clientes, citas, ajustes, el registro de llamadas) en ARCHIVO mientras se
siguen enrutando llamadas: la copia contiene cada llamada registrada antes de empezar, y se comprueba
antes de reemplazar ARCHIVO. Los secretos siguen cifrados con la clave de este ordenador. Se vuelve
a poner con `switchboard restore ARCHIVO`.
</translation>
    </message>
    <message numerus="yes">
        <source>Backed up %n call(s) and everything else (%1) to %2 in %3 s.</source>
        <translation>
            <numerusform>Copiada %n llamada y todo lo demás (%1) en %2 en %3 s.</numerusform>
            <numerusform>Copiadas %n llamadas y todo lo demás (%1) en %2 en %3 s.</numerusform>
        </translation>
    </message>
    <message>
        <source>Usage: switchboard restore FILE
Puts the database backed up in FILE in place of this data folder&apos;s, once FILE is found to be
a Switchboard database that passes SQLite&apos;s integrity check. The database it replaces is
kept in a folder beside it. Stop the router first (serve or the desktop app).
</source>
        <translation>Uso: switchboard restore ARCHIVO
Pone la base de datos guardada en ARCHIVO en lugar de la de esta carpeta de datos, una vez
comprobado que ARCHIVO es una base de datos de Switchboard que pasa la comprobación de integridad
de SQLite. La base de datos que reemplaza se guarda en una carpeta al lado. Detenga antes el
enrutador (serve o la aplicación de escritorio).
</translation>
    </message>
    <message>
        <source>Restored %1. The database it replaced is kept in %2.</source>
        <translation>Se ha restaurado %1. La base de datos reemplazada está en %2.</translation>
    </message>
</context>
<context>
    <name>BookingDialog</name>
    <message>
        <source>New booking for %1</source>
        <translation>Nueva cita para %1</translation>
    </message>
    <message>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <source>Cleaning, check-up, filling…</source>
        <translation>Limpieza, revisión, empaste…</translation>
    </message>
    <message>
        <source>Anyone</source>
        <translation>Cualquiera</translation>
    </message>
    <message>
        <source>Confirmed</source>
        <translation>Confirmada</translation>
    </message>
    <message>
        <source>Pending</source>
        <translation>Pendiente</translation>
    </message>
    <message>
        <source>&amp;Starts:</source>
        <translation>&amp;Inicio:</translation>
    </message>
    <message>
        <source>&amp;Length:</source>
        <translation>&amp;Duración:</translation>
    </message>
    <message>
        <source>S&amp;ervice:</source>
        <translation>S&amp;ervicio:</translation>
    </message>
    <message>
        <source>S&amp;taff:</source>
        <translation>&amp;Personal:</translation>
    </message>
    <message>
        <source>Stat&amp;us:</source>
        <translation>Est&amp;ado:</translation>
    </message>
    <message>
        <source>This booking would already be over; choose a later time.</source>
        <translation>Esta cita ya habría terminado; elija una hora posterior.</translation>
    </message>
    <message>
        <source>The booking was not saved: %1</source>
        <translation>No se ha guardado la cita: %1</translation>
    </message>
    <message>
        <source>Edit booking for %1</source>
        <translation>Editar la cita de %1</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>Completada</translation>
    </message>
    <message>
        <source>No-show</source>
        <translation>No se presentó</translation>
    </message>
    <message>
        <source>Canceled</source>
        <translation>Cancelada</translation>
    </message>
</context>
<context>
    <name>BookingImporter</name>
    <message>
        <source>customer_id or phone</source>
        <translation>customer_id o phone</translation>
    </message>
    <message>
        <source>booking_id is empty</source>
        <translation>booking_id está vacío</translation>
    </message>
    <message>
        <source>booking_id &quot;%1&quot; is already used on line %2</source>
        <translation>booking_id «%1» ya se usa en la línea %2</translation>
    </message>
    <message>
        <source>customer_id &quot;%1&quot; is not a known customer; import the customers first</source>
        <translation>customer_id «%1» no es un cliente conocido; importe primero los clientes</translation>
    </message>
    <message>
        <source>phone &quot;%1&quot; is not a phone number</source>
        <translation>phone «%1» no es un número de teléfono</translation>
    </message>
    <message>
        <source>the booking names no customer: customer_id and phone are both empty</source>
        <translation>la cita no indica ningún cliente: customer_id y phone están vacíos</translation>
    </message>
    <message>
        <source>starts_at is empty</source>
        <translation>starts_at está vacío</translation>
    </message>
    <message>
        <source>ends_at &quot;%1&quot; is before starts_at &quot;%2&quot;</source>
        <translation>ends_at «%1» es anterior a starts_at «%2»</translation>
    </message>
    <message>
        <source>status &quot;%1&quot; is not one of %2</source>
        <translation>status «%1» no es ninguno de %2</translation>
    </message>
    <message>
        <source>starts_at &quot;%1&quot; is not a date and time like %2</source>
        <translation>starts_at «%1» no es una fecha y hora como %2</translation>
    </message>
    <message>
        <source>ends_at &quot;%1&quot; is not a date and time like %2</source>
        <translation>ends_at «%1» no es una fecha y hora como %2</translation>
    </message>
</context>
<context>
    <name>BookingStore</name>
    <message>
        <source>A booking needs an id to be inserted or updated by id.</source>
        <translation>Una cita necesita un id para insertarse o actualizarse por id.</translation>
    </message>
    <message>
        <source>The booking %1 could not be read back for updating.</source>
        <translation>No se pudo volver a leer la cita %1 para actualizarla.</translation>
    </message>
    <message>
        <source>There is no booking with id %1.</source>
        <translation>No hay ninguna cita con el id %1.</translation>
    </message>
    <message>
        <source>No free id was found for the new booking %1.</source>
        <translation>No se ha encontrado un id libre para la cita nueva %1.</translation>
    </message>
</context>
<context>
    <name>CallBackDialog</name>
    <message>
        <source>A staff member:</source>
        <translation>Un miembro del personal:</translation>
    </message>
    <message>
        <source>Another phone:</source>
        <translation>Otro teléfono:</translation>
    </message>
    <message>
        <source>Call back</source>
        <translation>Devolver la llamada</translation>
    </message>
    <message>
        <source>Call back %1</source>
        <translation>Devolver la llamada a %1</translation>
    </message>
    <message>
        <source>Call back %1, %2</source>
        <translation>Devolver la llamada a %1, %2</translation>
    </message>
    <message>
        <source>Whose phone rings first?</source>
        <translation>¿Qué teléfono suena primero?</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>Staff member</source>
        <translation>Miembro del personal</translation>
    </message>
    <message>
        <source>Phone number, e.g. a desk phone</source>
        <translation>Número de teléfono, p. ej. un teléfono de mesa</translation>
    </message>
    <message>
        <source>Another phone</source>
        <translation>Otro teléfono</translation>
    </message>
    <message>
        <source>No staff in the routing plan</source>
        <translation>No hay personal en el plan de enrutamiento</translation>
    </message>
    <message>
        <source>Choose whose phone rings first.</source>
        <translation>Elija qué teléfono suena primero.</translation>
    </message>
    <message>
        <source>Type the number of the phone that rings first.</source>
        <translation>Escriba el número del teléfono que suena primero.</translation>
    </message>
    <message>
        <source>That is not a phone number that can be called.</source>
        <translation>Ese no es un número de teléfono al que se pueda llamar.</translation>
    </message>
    <message>
        <source>%1&apos;s phone rings first; press 1 to be connected to %2. They see the practice&apos;s number.</source>
        <translation>Primero suena el teléfono de %1; pulse 1 para hablar con %2. Verá el número de la consulta.</translation>
    </message>
    <message>
        <source>Your phone rings first; press 1 to be connected to %1. They see the practice&apos;s number.</source>
        <translation>Primero suena su teléfono; pulse 1 para hablar con %1. Verá el número de la consulta.</translation>
    </message>
</context>
<context>
    <name>CallBackStarter</name>
    <message>
        <source>Twilio&apos;s account SID and auth token are not set up, so nobody can be called back from here.</source>
        <translation>El SID de cuenta y el token de autenticación de Twilio no están configurados, así que desde aquí no se puede devolver ninguna llamada.</translation>
    </message>
    <message>
        <source>server.public_url is not set, so Twilio could not reach this Switchboard to connect a call-back.</source>
        <translation>server.public_url no está configurado, así que Twilio no podría llegar a este Switchboard para conectar una devolución de llamada.</translation>
    </message>
    <message>
        <source>Twilio did not say which call it placed.</source>
        <translation>Twilio no dijo qué llamada hizo.</translation>
    </message>
</context>
<context>
    <name>CallBacks</name>
    <message>
        <source>A seat</source>
        <translation>Un puesto</translation>
    </message>
    <message>
        <source>There is no call %1 here to call back.</source>
        <translation>Aquí no hay ninguna llamada %1 que devolver.</translation>
    </message>
    <message>
        <source>The caller&apos;s number was withheld, so there is no number to call back.</source>
        <translation>El número de quien llamó estaba oculto, así que no hay número al que devolver la llamada.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a phone number that can be called back.</source>
        <translation>«%1» no es un número de teléfono al que se pueda devolver la llamada.</translation>
    </message>
    <message>
        <source>This Switchboard knows none of the business&apos;s numbers (set twilio.numbers), so there is no number to call back from.</source>
        <translation>Este Switchboard no conoce ningún número de la empresa (configure twilio.numbers), así que no hay número desde el que devolver la llamada.</translation>
    </message>
    <message>
        <source>There is no staff member &quot;%1&quot;.</source>
        <translation>No hay ningún miembro del personal «%1».</translation>
    </message>
    <message>
        <source>%1 has no phone number to ring.</source>
        <translation>%1 no tiene ningún número de teléfono al que llamar.</translation>
    </message>
    <message>
        <source>Say whose phone rings first: a staff member or a phone number.</source>
        <translation>Indique qué teléfono suena primero: el de un miembro del personal o un número de teléfono.</translation>
    </message>
    <message>
        <source>The phone that rings first is the customer&apos;s own.</source>
        <translation>El teléfono que suena primero es el del propio cliente.</translation>
    </message>
    <message>
        <source>%1 is calling back %2 from %3: ringing %4 first.</source>
        <translation>%1 devuelve la llamada a %2 desde %3: primero suena %4.</translation>
    </message>
    <message>
        <source>%1 is calling %2 back, ringing %3 first (call %4).</source>
        <translation>%1 devuelve la llamada a %2; primero suena %3 (llamada %4).</translation>
    </message>
    <message>
        <source>%1 asked to call %2 back; Twilio said: %3</source>
        <translation>%1 pidió devolver la llamada a %2; Twilio dijo: %3</translation>
    </message>
    <message>
        <source>This call-back is not known here. Goodbye.</source>
        <translation>Esta devolución de llamada no se conoce aquí. Adiós.</translation>
    </message>
    <message>
        <source>Call back %1. Press 1 to connect.</source>
        <translation>Devolver la llamada a %1. Pulse 1 para conectar.</translation>
    </message>
    <message>
        <source>%1 answered after the call-back had ended.</source>
        <translation>%1 contestó cuando la devolución de llamada ya había terminado.</translation>
    </message>
    <message>
        <source>%1 answered; asked them to press 1 to call %2 (attempt 1 of %3).</source>
        <translation>%1 contestó; se le pidió pulsar 1 para llamar a %2 (intento 1 de %3).</translation>
    </message>
    <message>
        <source>A key arrived after the call-back had ended.</source>
        <translation>Llegó una tecla cuando la devolución de llamada ya había terminado.</translation>
    </message>
    <message>
        <source>%1 pressed 1.</source>
        <translation>%1 pulsó 1.</translation>
    </message>
    <message>
        <source>Ringing %1 with %2 as caller ID.</source>
        <translation>Llamando a %1 con %2 como identificador de llamada.</translation>
    </message>
    <message>
        <source>%1 pressed no key; asked again (attempt %2 of %3).</source>
        <translation>%1 no pulsó ninguna tecla; se le preguntó de nuevo (intento %2 de %3).</translation>
    </message>
    <message>
        <source>%1 pressed %2, not 1; asked again (attempt %3 of %4).</source>
        <translation>%1 pulsó %2, no 1; se le preguntó de nuevo (intento %3 de %4).</translation>
    </message>
    <message>
        <source>%1 did not press 1, so %2 was not called.</source>
        <translation>%1 no pulsó 1, así que no se llamó a %2.</translation>
    </message>
    <message>
        <source>Hung up the call-back.</source>
        <translation>Se colgó la devolución de llamada.</translation>
    </message>
    <message>
        <source>no status</source>
        <translation>sin estado</translation>
    </message>
    <message numerus="yes">
        <source>%1 answered and talked with %2 for %n second(s).</source>
        <translation>
            <numerusform>%1 contestó y habló con %2 durante %n segundo.</numerusform>
            <numerusform>%1 contestó y habló con %2 durante %n segundos.</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 did not answer (%2).</source>
        <translation>%1 no contestó (%2).</translation>
    </message>
    <message>
        <source>%1 did not answer. Goodbye.</source>
        <translation>%1 no contestó. Adiós.</translation>
    </message>
</context>
<context>
    <name>CallFlow</name>
    <message numerus="yes">
        <source> for %n second(s)</source>
        <translation>
            <numerusform> durante %n segundo</numerusform>
            <numerusform> durante %n segundos</numerusform>
        </translation>
    </message>
    <message>
        <source>Played the welcome message.</source>
        <translation>Se ha reproducido el mensaje de bienvenida.</translation>
    </message>
    <message>
        <source>No rule of the plan applies to this call.</source>
        <translation>Ninguna regla del plan se aplica a esta llamada.</translation>
    </message>
    <message>
        <source>No plan applies to %1.</source>
        <translation>Ningún plan se aplica a %1.</translation>
    </message>
    <message>
        <source>Rule &quot;%1&quot; applies (%2).</source>
        <translation>Se aplica la regla «%1» (%2).</translation>
    </message>
    <message>
        <source>The routing plan changed during the call.</source>
        <translation>El plan de enrutamiento cambió durante la llamada.</translation>
    </message>
    <message>
        <source>Team %1</source>
        <translation>Equipo %1</translation>
    </message>
    <message>
        <source>The plan names a team &quot;%1&quot; it does not have.</source>
        <translation>El plan menciona un equipo «%1» que no contiene.</translation>
    </message>
    <message>
        <source>The caller has no assigned staff member.</source>
        <translation>El llamante no tiene a nadie del personal asignado.</translation>
    </message>
    <message>
        <source>Nobody owns the number %1.</source>
        <translation>El número %1 no pertenece a nadie.</translation>
    </message>
    <message>
        <source>There is no staff member &quot;%1&quot;.</source>
        <translation>No existe nadie del personal llamado «%1».</translation>
    </message>
    <message>
        <source>The rule rejects the call.</source>
        <translation>La regla rechaza la llamada.</translation>
    </message>
    <message>
        <source>The AI agent is not set up (retell.api_key and retell.agent_id are needed).</source>
        <translation>El agente de IA no está configurado (se necesitan retell.api_key y retell.agent_id).</translation>
    </message>
    <message>
        <source>Registered the call with the AI agent (Retell call %1).</source>
        <translation>Se ha registrado la llamada en el agente de IA (llamada de Retell %1).</translation>
    </message>
    <message>
        <source>Connecting the caller to the AI agent at %1.</source>
        <translation>Conectando al llamante con el agente de IA en %1.</translation>
    </message>
    <message>
        <source>The AI agent could not take the call.</source>
        <translation>El agente de IA no pudo atender la llamada.</translation>
    </message>
    <message>
        <source>The fallback number has already rung.</source>
        <translation>El número de respaldo ya ha sonado.</translation>
    </message>
    <message>
        <source>%1 has already rung in this call.</source>
        <translation>%1 ya ha sonado en esta llamada.</translation>
    </message>
    <message numerus="yes">
        <source>Ringing %1 for up to %n second(s); they must press 1 to take the call.</source>
        <translation>
            <numerusform>Llamando a %1 durante un máximo de %n segundo; debe pulsar 1 para atender la llamada.</numerusform>
            <numerusform>Llamando a %1 durante un máximo de %n segundos; debe pulsar 1 para atender la llamada.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Ringing %1 for up to %n second(s).</source>
        <translation>
            <numerusform>Llamando a %1 durante un máximo de %n segundo.</numerusform>
            <numerusform>Llamando a %1 durante un máximo de %n segundos.</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source> and </source>
        <translation> y </translation>
    </message>
    <message numerus="yes">
        <source>Ringing the fallback number %1 for up to %n second(s).</source>
        <translation>
            <numerusform>Llamando al número de respaldo %1 durante un máximo de %n segundo.</numerusform>
            <numerusform>Llamando al número de respaldo %1 durante un máximo de %n segundos.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Played the menu (attempt 1 of %1) and waited %n second(s) for a key.</source>
        <translation>
            <numerusform>Se ha reproducido el menú (intento 1 de %1) y se ha esperado %n segundo a que se pulse una tecla.</numerusform>
            <numerusform>Se ha reproducido el menú (intento 1 de %1) y se han esperado %n segundos a que se pulse una tecla.</numerusform>
        </translation>
    </message>
    <message>
        <source>Twilio repeated a menu answer; answered as before.</source>
        <translation>Twilio repitió una respuesta del menú; se respondió como antes.</translation>
    </message>
    <message>
        <source>The caller pressed %1.</source>
        <translation>El llamante pulsó %1.</translation>
    </message>
    <message>
        <source>No key was pressed.</source>
        <translation>No se pulsó ninguna tecla.</translation>
    </message>
    <message>
        <source>The caller pressed %1, which the menu does not offer.</source>
        <translation>El llamante pulsó %1, que el menú no ofrece.</translation>
    </message>
    <message>
        <source>Played the menu again (attempt %1 of %2).</source>
        <translation>Se ha reproducido de nuevo el menú (intento %1 de %2).</translation>
    </message>
    <message numerus="yes">
        <source>The menu got no usable key in %n attempt(s).</source>
        <translation>
            <numerusform>El menú no recibió ninguna tecla válida en %n intento.</numerusform>
            <numerusform>El menú no recibió ninguna tecla válida en %n intentos.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Asked the caller to leave a message of up to %n second(s).</source>
        <translation>
            <numerusform>Se ha pedido al llamante que deje un mensaje de hasta %n segundo.</numerusform>
            <numerusform>Se ha pedido al llamante que deje un mensaje de hasta %n segundos.</numerusform>
        </translation>
    </message>
    <message>
        <source>Please leave a message after the tone. Press the pound key when you are done.</source>
        <translation>Por favor, deje un mensaje después de la señal. Pulse la tecla de almohadilla cuando haya terminado.</translation>
    </message>
    <message>
        <source>Twilio repeated the end of the recording; answered as before.</source>
        <translation>Twilio repitió el final de la grabación; se respondió como antes.</translation>
    </message>
    <message numerus="yes">
        <source>The caller left a message of %n second(s).</source>
        <translation>
            <numerusform>El llamante dejó un mensaje de %n segundo.</numerusform>
            <numerusform>El llamante dejó un mensaje de %n segundos.</numerusform>
        </translation>
    </message>
    <message>
        <source>Thank you. Goodbye.</source>
        <translation>Gracias. Adiós.</translation>
    </message>
    <message>
        <source>The caller left no message.</source>
        <translation>El llamante no dejó ningún mensaje.</translation>
    </message>
    <message>
        <source>Played the rule&apos;s message and hung up.</source>
        <translation>Se ha reproducido el mensaje de la regla y se ha colgado.</translation>
    </message>
    <message>
        <source>Rejected the call.</source>
        <translation>Se ha rechazado la llamada.</translation>
    </message>
    <message>
        <source>Trying the rule&apos;s next option.</source>
        <translation>Probando la siguiente opción de la regla.</translation>
    </message>
    <message>
        <source>No fallback number is set (routing.fallback_number).</source>
        <translation>No hay ningún número de respaldo configurado (routing.fallback_number).</translation>
    </message>
    <message>
        <source>Played the closing message and hung up.</source>
        <translation>Se ha reproducido el mensaje final y se ha colgado.</translation>
    </message>
    <message>
        <source>no status</source>
        <translation>sin estado</translation>
    </message>
    <message>
        <source>Twilio repeated this dial result; answered as before.</source>
        <translation>Twilio repitió este resultado de marcación; se respondió como antes.</translation>
    </message>
    <message>
        <source>The AI agent took the call%1.</source>
        <translation>El agente de IA atendió la llamada%1.</translation>
    </message>
    <message>
        <source>The AI agent&apos;s line did not connect (%1).</source>
        <translation>La línea del agente de IA no se conectó (%1).</translation>
    </message>
    <message>
        <source>The fallback number answered%1.</source>
        <translation>El número de respaldo contestó%1.</translation>
    </message>
    <message>
        <source>The fallback number did not answer (%1).</source>
        <translation>El número de respaldo no contestó (%1).</translation>
    </message>
    <message>
        <source>%1 took the call%2.</source>
        <translation>%1 atendió la llamada%2.</translation>
    </message>
    <message>
        <source>%1 picked up but did not press 1.</source>
        <translation>%1 descolgó pero no pulsó 1.</translation>
    </message>
    <message>
        <source>%1 did not answer (%2).</source>
        <translation>%1 no contestó (%2).</translation>
    </message>
    <message>
        <source>Nobody in the chain took the call.</source>
        <translation>Nadie de la cadena atendió la llamada.</translation>
    </message>
    <message>
        <source>%1 picked up, but the call no longer waits for them.</source>
        <translation>%1 descolgó, pero la llamada ya no le espera.</translation>
    </message>
    <message>
        <source>%1 picked up; asked them to press 1 (attempt %2 of %3).</source>
        <translation>%1 descolgó; se le pidió que pulsara 1 (intento %2 de %3).</translation>
    </message>
    <message>
        <source>Call from {caller}. Press 1 to accept.</source>
        <translation>Llamada de {caller}. Pulse 1 para aceptar.</translation>
    </message>
    <message>
        <source>an unknown number</source>
        <translation>un número desconocido</translation>
    </message>
    <message>
        <source>%1 answered the prompt, but the call no longer waits for them.</source>
        <translation>%1 respondió al aviso, pero la llamada ya no le espera.</translation>
    </message>
    <message>
        <source>%1 pressed 1 and is connected to the caller.</source>
        <translation>%1 pulsó 1 y está conectado con el llamante.</translation>
    </message>
    <message>
        <source>%1 pressed no key.</source>
        <translation>%1 no pulsó ninguna tecla.</translation>
    </message>
    <message>
        <source>%1 pressed %2.</source>
        <translation>%1 pulsó %2.</translation>
    </message>
    <message>
        <source>Asked again (attempt %1 of %2).</source>
        <translation>Se ha vuelto a preguntar (intento %1 de %2).</translation>
    </message>
    <message>
        <source>Not accepted; hanging up their line.</source>
        <translation>No aceptada; se cuelga su línea.</translation>
    </message>
    <message>
        <source>, not bridged</source>
        <translation>, sin conectar</translation>
    </message>
    <message>
        <source>%1 picked up but hung up before being connected.</source>
        <translation>%1 descolgó pero colgó antes de ser conectado.</translation>
    </message>
    <message>
        <source>Twilio repeated that the line answered; nothing changed.</source>
        <translation>Twilio repitió que la línea contestó; no cambió nada.</translation>
    </message>
    <message>
        <source>A line answered, but the call no longer waits for it.</source>
        <translation>Una línea contestó, pero la llamada ya no la espera.</translation>
    </message>
    <message>
        <source>The AI agent answered and is talking with the caller.</source>
        <translation>El agente de IA contestó y está hablando con el llamante.</translation>
    </message>
    <message>
        <source>The fallback number answered and is talking with the caller.</source>
        <translation>El número de respaldo contestó y está hablando con el llamante.</translation>
    </message>
    <message>
        <source>%1 answered and is talking with the caller.</source>
        <translation>%1 contestó y está hablando con el llamante.</translation>
    </message>
    <message>
        <source>Twilio repeated the key %1 pressed; answered as before.</source>
        <translation>Twilio repitió la tecla que pulsó %1; se respondió como antes.</translation>
    </message>
    <message>
        <source>A seat</source>
        <translation>Un puesto</translation>
    </message>
    <message>
        <source>%1 moved the call, but it had already ended.</source>
        <translation>%1 movió la llamada, pero ya había terminado.</translation>
    </message>
    <message>
        <source>Moved by %1.</source>
        <translation>Movida por %1.</translation>
    </message>
    <message>
        <source>A line the call left when a seat moved it has ended; nothing changed.</source>
        <translation>Terminó una línea que la llamada dejó al moverla un puesto; no cambió nada.</translation>
    </message>
</context>
<context>
    <name>CallLogCommitter</name>
    <message>
        <source>The call log cannot be written to the database (%1). Calls are still answered; their log is kept and written as soon as the disk takes it.</source>
        <translation>El registro de llamadas no se puede escribir en la base de datos (%1). Las llamadas se siguen atendiendo; su registro se guarda y se escribe en cuanto el disco lo acepte.</translation>
    </message>
    <message>
        <source>the disk refused the write</source>
        <translation>el disco rechazó la escritura</translation>
    </message>
</context>
<context>
    <name>CallLogExport</name>
    <message>
        <source>Cannot write the calls: %1</source>
        <translation>No se pueden escribir las llamadas: %1</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>No se puede escribir %1: %2</translation>
    </message>
</context>
<context>
    <name>CallLogJournal</name>
    <message>
        <source>Cannot open the call-log journal %1: %2</source>
        <translation>No se puede abrir el diario del registro de llamadas %1: %2</translation>
    </message>
    <message>
        <source>Cannot write the call-log journal %1: %2</source>
        <translation>No se puede escribir el diario del registro de llamadas %1: %2</translation>
    </message>
    <message>
        <source>The call-log journal is not open.</source>
        <translation>El diario del registro de llamadas no está abierto.</translation>
    </message>
    <message>
        <source>Cannot empty the call-log journal %1: %2</source>
        <translation>No se puede vaciar el diario del registro de llamadas %1: %2</translation>
    </message>
</context>
<context>
    <name>CallLogModel</name>
    <message>
        <source>Withheld number</source>
        <translation>Número oculto</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <comment>caller number · customer name</comment>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>Inicio</translation>
    </message>
    <message>
        <source>Caller</source>
        <translation>Llamante</translation>
    </message>
    <message>
        <source>Called number</source>
        <translation>Número llamado</translation>
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
        <source>Booking</source>
        <translation>Cita</translation>
    </message>
    <message>
        <source>Call-back to %1</source>
        <translation>Devolución de llamada a %1</translation>
    </message>
    <message>
        <source>Call-back from %1</source>
        <translation>Devolución de llamada desde %1</translation>
    </message>
</context>
<context>
    <name>CallLogPanel</name>
    <message>
        <source>No calls match these filters.</source>
        <translation>Ninguna llamada coincide con estos filtros.</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Resultado</translation>
    </message>
    <message>
        <source>All outcomes</source>
        <translation>Todos los resultados</translation>
    </message>
    <message>
        <source>Called number</source>
        <translation>Número llamado</translation>
    </message>
    <message>
        <source>From date</source>
        <translation>Desde la fecha</translation>
    </message>
    <message>
        <source>To date</source>
        <translation>Hasta la fecha</translation>
    </message>
    <message>
        <source>&amp;From</source>
        <translation>&amp;Desde</translation>
    </message>
    <message>
        <source>&amp;To</source>
        <translation>&amp;Hasta</translation>
    </message>
    <message>
        <source>Clear filters</source>
        <translation>Borrar filtros</translation>
    </message>
    <message>
        <source>Export to CSV…</source>
        <translation>Exportar a CSV…</translation>
    </message>
    <message>
        <source>Save voicemail as…</source>
        <translation>Guardar mensaje de voz como…</translation>
    </message>
    <message>
        <source>Voicemail</source>
        <translation>Mensaje de voz</translation>
    </message>
    <message>
        <source>Timeline of the call</source>
        <translation>Cronología de la llamada</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Hora</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>Paso</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Acción</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Resultado</translation>
    </message>
    <message>
        <source>Detail</source>
        <translation>Detalle</translation>
    </message>
    <message>
        <source>Select a call to see its timeline.</source>
        <translation>Seleccione una llamada para ver su cronología.</translation>
    </message>
    <message>
        <source>All numbers</source>
        <translation>Todos los números</translation>
    </message>
    <message>
        <source>%L1 calls or more</source>
        <translation>%L1 llamadas o más</translation>
    </message>
    <message>
        <source>1 call</source>
        <translation>1 llamada</translation>
    </message>
    <message>
        <source>%L1 calls</source>
        <translation>%L1 llamadas</translation>
    </message>
    <message>
        <source>Called %1</source>
        <translation>Llamó al %1</translation>
    </message>
    <message>
        <source>Outcome: %1</source>
        <translation>Resultado: %1</translation>
    </message>
    <message>
        <source>Duration: %1</source>
        <translation>Duración: %1</translation>
    </message>
    <message>
        <source>No duration yet</source>
        <translation>Aún sin duración</translation>
    </message>
    <message>
        <source>Not a customer</source>
        <translation>No es cliente</translation>
    </message>
    <message>
        <source>Customer: %1</source>
        <translation>Cliente: %1</translation>
    </message>
    <message>
        <source>Booking: %1</source>
        <translation>Cita: %1</translation>
    </message>
    <message>
        <source>No transcription yet.</source>
        <translation>Aún no hay transcripción.</translation>
    </message>
    <message>
        <source>The recording has not been downloaded into the data folder yet.</source>
        <translation>La grabación aún no se ha descargado en la carpeta de datos.</translation>
    </message>
    <message>
        <source>voicemail-%1-%2</source>
        <comment>file name: caller, date and time</comment>
        <translation>mensaje-de-voz-%1-%2</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>desconocido</translation>
    </message>
    <message>
        <source>Save voicemail as</source>
        <translation>Guardar mensaje de voz como</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>Todos los archivos (*)</translation>
    </message>
    <message>
        <source>Recordings (*.%1);;All files (*)</source>
        <translation>Grabaciones (*.%1);;Todos los archivos (*)</translation>
    </message>
    <message>
        <source>The selected call has no voicemail in the data folder.</source>
        <translation>La llamada seleccionada no tiene mensaje de voz en la carpeta de datos.</translation>
    </message>
    <message>
        <source>Cannot read the voicemail %1: %2</source>
        <translation>No se puede leer el mensaje de voz %1: %2</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>No se puede escribir %1: %2</translation>
    </message>
    <message>
        <source>calls-%1.csv</source>
        <comment>file name</comment>
        <translation>llamadas-%1.csv</translation>
    </message>
    <message>
        <source>Export calls to CSV</source>
        <translation>Exportar llamadas a CSV</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>Archivos CSV (*.csv)</translation>
    </message>
    <message>
        <source>Exporting calls…</source>
        <translation>Exportando llamadas…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>Export to CSV</source>
        <translation>Exportar a CSV</translation>
    </message>
    <message>
        <source>Exporting calls… %L1 so far</source>
        <translation>Exportando llamadas… %L1 hasta ahora</translation>
    </message>
    <message>
        <source>The export was cancelled.</source>
        <translation>Se ha cancelado la exportación.</translation>
    </message>
    <message>
        <source>Exported 1 call to %1.</source>
        <translation>Se ha exportado 1 llamada a %1.</translation>
    </message>
    <message>
        <source>Exported %L1 calls to %2.</source>
        <translation>Se han exportado %L1 llamadas a %2.</translation>
    </message>
    <message>
        <source>Call logs</source>
        <translation>Registro de llamadas</translation>
    </message>
    <message>
        <source>Caller&apos;s number or name…</source>
        <translation>Número o nombre de quien llama…</translation>
    </message>
    <message>
        <source>Caller</source>
        <translation>Llamante</translation>
    </message>
    <message>
        <source>A message of %1.</source>
        <comment>voicemail length</comment>
        <translation>Un mensaje de %1.</translation>
    </message>
    <message>
        <source>Call back…</source>
        <translation>Devolver la llamada…</translation>
    </message>
    <message>
        <source>This caller&apos;s number was withheld.</source>
        <translation>El número de quien llamó estaba oculto.</translation>
    </message>
    <message>
        <source>Ring a phone of the practice first, then this caller.</source>
        <translation>Llamar primero a un teléfono de la consulta y después a quien llamó.</translation>
    </message>
</context>
<context>
    <name>CallLogRetention</name>
    <message>
        <source>Cannot read the calls older than retention.days (%1) to prune them.</source>
        <translation>No se pueden leer las llamadas anteriores a retention.days (%1) para depurarlas.</translation>
    </message>
    <message>
        <source>Cannot prune the calls older than retention.days (%1): %2</source>
        <translation>No se pueden depurar las llamadas anteriores a retention.days (%1): %2</translation>
    </message>
</context>
<context>
    <name>CallLogWords</name>
    <message>
        <source>In progress</source>
        <translation>En curso</translation>
    </message>
    <message>
        <source>AI agent</source>
        <translation>Agente de IA</translation>
    </message>
    <message>
        <source>Answered</source>
        <translation>Atendida</translation>
    </message>
    <message>
        <source>Voicemail</source>
        <translation>Buzón de voz</translation>
    </message>
    <message>
        <source>Missed</source>
        <translation>Perdida</translation>
    </message>
    <message>
        <source>Blocked</source>
        <translation>Bloqueada</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fallida</translation>
    </message>
    <message>
        <source>Call received</source>
        <translation>Llamada recibida</translation>
    </message>
    <message>
        <source>Caller blocked</source>
        <translation>Llamante bloqueado</translation>
    </message>
    <message>
        <source>Booking lookup</source>
        <translation>Búsqueda de cita</translation>
    </message>
    <message>
        <source>AI agent registration</source>
        <translation>Registro en el agente de IA</translation>
    </message>
    <message>
        <source>Dial AI agent</source>
        <translation>Marcar al agente de IA</translation>
    </message>
    <message>
        <source>AI agent dial result</source>
        <translation>Resultado de la llamada al agente de IA</translation>
    </message>
    <message>
        <source>Dial fallback</source>
        <translation>Marcar el número de respaldo</translation>
    </message>
    <message>
        <source>Fallback dial result</source>
        <translation>Resultado del número de respaldo</translation>
    </message>
    <message>
        <source>Welcome</source>
        <translation>Bienvenida</translation>
    </message>
    <message>
        <source>Keypad menu</source>
        <translation>Menú de teclado</translation>
    </message>
    <message>
        <source>Menu choice</source>
        <translation>Opción del menú</translation>
    </message>
    <message>
        <source>Who to ring</source>
        <translation>A quién llamar</translation>
    </message>
    <message>
        <source>Ring</source>
        <translation>Llamar</translation>
    </message>
    <message>
        <source>Ring result</source>
        <translation>Resultado de la llamada</translation>
    </message>
    <message>
        <source>Press 1 to accept</source>
        <translation>Pulsar 1 para aceptar</translation>
    </message>
    <message>
        <source>Accept result</source>
        <translation>Resultado de la aceptación</translation>
    </message>
    <message>
        <source>Recording saved</source>
        <translation>Grabación guardada</translation>
    </message>
    <message>
        <source>Hang up</source>
        <translation>Colgar</translation>
    </message>
    <message>
        <source>Call status</source>
        <translation>Estado de la llamada</translation>
    </message>
    <message>
        <source>Twilio asked</source>
        <translation>Solicitud de Twilio</translation>
    </message>
    <message>
        <source>Sent to Twilio</source>
        <translation>Enviado a Twilio</translation>
    </message>
    <message>
        <source>Internal</source>
        <translation>Interno</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Listo</translation>
    </message>
    <message>
        <source>Ignored</source>
        <translation>Ignorado</translation>
    </message>
    <message>
        <source>Fetched from Twilio</source>
        <translation>Descargado de Twilio</translation>
    </message>
    <message>
        <source>Arriving</source>
        <translation>Entrando</translation>
    </message>
    <message>
        <source>Handing over to the AI agent</source>
        <translation>Transfiriendo al agente de IA</translation>
    </message>
    <message>
        <source>Connecting to the AI agent</source>
        <translation>Conectando con el agente de IA</translation>
    </message>
    <message>
        <source>With the AI agent</source>
        <translation>Con el agente de IA</translation>
    </message>
    <message>
        <source>Ringing the fallback number</source>
        <translation>Llamando al número de respaldo</translation>
    </message>
    <message>
        <source>In the menu</source>
        <translation>En el menú</translation>
    </message>
    <message>
        <source>Ringing staff</source>
        <translation>Llamando al personal</translation>
    </message>
    <message>
        <source>Ringing %1</source>
        <extracomment>%1: who rings, a name or a list of names</extracomment>
        <translation>Llamando a %1</translation>
    </message>
    <message>
        <source>Talking with staff</source>
        <translation>Hablando con el personal</translation>
    </message>
    <message>
        <source>Talking with %1</source>
        <extracomment>%1: the staff member (or number) the caller is talking with</extracomment>
        <translation>Hablando con %1</translation>
    </message>
    <message>
        <source>Leaving a voicemail</source>
        <translation>Dejando un mensaje de voz</translation>
    </message>
    <message>
        <source>Left a voicemail</source>
        <translation>Dejó un mensaje de voz</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>Rechazada</translation>
    </message>
    <message>
        <source>Hearing the closing message</source>
        <translation>Escuchando el mensaje final</translation>
    </message>
    <message>
        <source>Talking with the fallback number</source>
        <translation>Hablando con el número de respaldo</translation>
    </message>
</context>
<context>
    <name>CallLogWriter</name>
    <message>
        <source>The call log cannot be saved (%1). Calls are still answered; their log is kept in memory and saved as soon as the disk takes it.</source>
        <translation>No se puede guardar el registro de llamadas (%1). Las llamadas se siguen atendiendo; su registro se conserva en memoria y se guarda en cuanto el disco lo admita.</translation>
    </message>
</context>
<context>
    <name>CallRangeOptions</name>
    <message>
        <source>%1: &quot;%2&quot; is neither a day such as 2026-11-01 nor an ISO 8601 time such as 2026-11-01T09:30.</source>
        <translation>%1: «%2» no es un día como 2026-11-01 ni una hora ISO 8601 como 2026-11-01T09:30.</translation>
    </message>
    <message>
        <source>%1 must come before %2.</source>
        <translation>%1 debe ser anterior a %2.</translation>
    </message>
    <message>
        <source>%1 must be in the past.</source>
        <translation>%1 debe estar en el pasado.</translation>
    </message>
</context>
<context>
    <name>CallRouter</name>
    <message>
        <source>an unknown number</source>
        <translation>un número desconocido</translation>
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
        <translation>Llamada entrante de %1 a %2.</translation>
    </message>
    <message>
        <source>Routing is switched off (routing.enabled is false).</source>
        <translation>El enrutamiento está desactivado (routing.enabled es false).</translation>
    </message>
    <message>
        <source>The caller&apos;s number is withheld, so there is nobody to look up.</source>
        <translation>El número del llamante está oculto, así que no hay a quién buscar.</translation>
    </message>
    <message>
        <source>No customer is saved with the number %1.</source>
        <translation>No hay ningún cliente guardado con el número %1.</translation>
    </message>
    <message>
        <source>%1 is a customer with no active booking.</source>
        <translation>%1 es un cliente sin cita activa.</translation>
    </message>
    <message>
        <source>%1 has an active booking %2 (%3) on %4.</source>
        <translation>%1 tiene una cita activa %2 (%3) el %4.</translation>
    </message>
    <message>
        <source>The caller ID &quot;%1&quot; is not a phone number, so there is nobody to look up.</source>
        <translation>El identificador de llamada «%1» no es un número de teléfono, así que no hay a quién buscar.</translation>
    </message>
    <message>
        <source>The caller hung up before the AI agent was ready.</source>
        <translation>El llamante colgó antes de que el agente de IA estuviera listo.</translation>
    </message>
    <message>
        <source>The registration with the AI agent was interrupted.</source>
        <translation>Se interrumpió el registro en el agente de IA.</translation>
    </message>
    <message>
        <source>Twilio sent this call again; answered as before.</source>
        <translation>Twilio volvió a enviar esta llamada; se respondió como antes.</translation>
    </message>
    <message>
        <source>A dial result arrived for a call with no record here.</source>
        <translation>Llegó un resultado de marcación para una llamada sin registro aquí.</translation>
    </message>
    <message>
        <source>no status</source>
        <translation>sin estado</translation>
    </message>
    <message>
        <source>Status &quot;%1&quot; arrived after the call had ended; ignored.</source>
        <translation>El estado «%1» llegó después de terminar la llamada; se ignora.</translation>
    </message>
    <message>
        <source>Status &quot;%1&quot; arrived after &quot;%2&quot;; ignored.</source>
        <translation>El estado «%1» llegó después de «%2»; se ignora.</translation>
    </message>
    <message>
        <source>The call is %1.</source>
        <translation>La llamada está %1.</translation>
    </message>
    <message>
        <source>A menu key arrived for a call with no record here.</source>
        <translation>Llegó una tecla de menú para una llamada sin registro aquí.</translation>
    </message>
    <message>
        <source>Twilio could not keep the recording %1 (%2).</source>
        <translation>Twilio no pudo conservar la grabación %1 (%2).</translation>
    </message>
    <message>
        <source>The recording %1 is kept at Twilio: %2.</source>
        <translation>La grabación %1 se conserva en Twilio: %2.</translation>
    </message>
    <message>
        <source>Could not download the recording %1: %2 It stays at Twilio.</source>
        <translation>No se pudo descargar la grabación %1: %2 Permanece en Twilio.</translation>
    </message>
    <message>
        <source>Saved the recording (%1 KB) as %2.</source>
        <translation>Se ha guardado la grabación (%1 KB) como %2.</translation>
    </message>
    <message>
        <source>Twilio could not transcribe the message.</source>
        <translation>Twilio no pudo transcribir el mensaje.</translation>
    </message>
    <message>
        <source>Twilio transcribed the message: &quot;%1&quot;</source>
        <translation>Twilio transcribió el mensaje: «%1»</translation>
    </message>
    <message>
        <source>The recording %1 was not downloaded: its address is not at Twilio (%2).</source>
        <translation>La grabación %1 no se descargó: su dirección no está en Twilio (%2).</translation>
    </message>
    <message>
        <source>The recording %1 was not downloaded: %2 It stays at Twilio.</source>
        <translation>La grabación %1 no se descargó: %2 Se queda en Twilio.</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>desconocida</translation>
    </message>
    <message numerus="yes">
        <source>The call ended (%1) after %n second(s): %2.</source>
        <translation>
            <numerusform>La llamada terminó (%1) tras %n segundo: %2.</numerusform>
            <numerusform>La llamada terminó (%1) tras %n segundos: %2.</numerusform>
        </translation>
    </message>
    <message>
        <source>how it ended is not known</source>
        <translation>no se sabe cómo terminó</translation>
    </message>
    <message>
        <source>the AI agent took it</source>
        <translation>la atendió el agente de IA</translation>
    </message>
    <message>
        <source>a person took it</source>
        <translation>la atendió una persona</translation>
    </message>
    <message>
        <source>the caller left a voicemail</source>
        <translation>quien llamó dejó un mensaje de voz</translation>
    </message>
    <message>
        <source>nobody took it</source>
        <translation>nadie la atendió</translation>
    </message>
    <message>
        <source>the caller was turned away</source>
        <translation>se rechazó a quien llamó</translation>
    </message>
    <message>
        <source>nobody could be reached</source>
        <translation>no se pudo localizar a nadie</translation>
    </message>
    <message>
        <source>Twilio&apos;s report of this call&apos;s end never arrived (this computer was off, asleep or cut off when it came), and no call lasts over four hours: closed from what was known: %1.</source>
        <translation>El aviso de Twilio del final de esta llamada nunca llegó (este ordenador estaba apagado, en reposo o sin conexión), y ninguna llamada dura más de cuatro horas: cerrada con lo que se sabía: %1.</translation>
    </message>
    <message>
        <source>Twilio&apos;s report of this call&apos;s end came while this computer was not answering; Twilio&apos;s own record of the call, asked at the next start, says it ended (%1) after %2 s: %3.</source>
        <translation>El aviso de Twilio del fin de esta llamada llegó mientras este equipo no respondía; el registro propio de Twilio, consultado en el siguiente arranque, dice que terminó (%1) tras %2 s: %3.</translation>
    </message>
    <message>
        <source>voicemail</source>
        <translation>buzón de voz</translation>
    </message>
    <message>
        <source>There is no staff member &quot;%1&quot;.</source>
        <translation>No hay ningún miembro del personal «%1».</translation>
    </message>
    <message>
        <source>team %1</source>
        <translation>equipo %1</translation>
    </message>
    <message>
        <source>There is no team &quot;%1&quot;.</source>
        <translation>No hay ningún equipo «%1».</translation>
    </message>
    <message>
        <source>%1 is not a phone number in international form (+ and the country code).</source>
        <translation>%1 no es un número de teléfono en formato internacional (+ y el código del país).</translation>
    </message>
</context>
<context>
    <name>CallSimulator</name>
    <message>
        <source>&quot;%1&quot; is not a phone number.</source>
        <translation>«%1» no es un número de teléfono.</translation>
    </message>
    <message>
        <source>Fallback number</source>
        <translation>Número de respaldo</translation>
    </message>
    <message>
        <source>Simulated call from %1 to %2.</source>
        <translation>Llamada simulada de %1 a %2.</translation>
    </message>
    <message>
        <source>any number</source>
        <translation>cualquier número</translation>
    </message>
    <message>
        <source>Routing is switched off (routing.enabled is false).</source>
        <translation>El enrutamiento está desactivado (routing.enabled es false).</translation>
    </message>
    <message>
        <source>The call is rejected.</source>
        <translation>La llamada se rechaza.</translation>
    </message>
    <message>
        <source>The AI agent takes the call (if its line failed, the rule&apos;s next option would follow).</source>
        <translation>El agente de IA atiende la llamada (si su línea fallara, seguiría la siguiente opción de la regla).</translation>
    </message>
    <message>
        <source>The caller is asked to leave a voicemail.</source>
        <translation>Se pide al llamante que deje un mensaje de voz.</translation>
    </message>
    <message>
        <source>Nobody can be reached: the caller hears the closing message (outcome failed).</source>
        <translation>No se puede localizar a nadie: el llamante escucha el mensaje final (resultado failed).</translation>
    </message>
    <message>
        <source>The call ends with a message (outcome missed) if nobody answers.</source>
        <translation>La llamada termina con un mensaje (resultado missed) si nadie contesta.</translation>
    </message>
</context>
<context>
    <name>CallStatsStore</name>
    <message>
        <source>The statistics need a start that comes before their end.</source>
        <translation>Las estadísticas necesitan un inicio anterior a su final.</translation>
    </message>
    <message>
        <source>The statistics need a valid time zone.</source>
        <translation>Las estadísticas necesitan una zona horaria válida.</translation>
    </message>
</context>
<context>
    <name>CallerList</name>
    <message>
        <source>&quot;%1&quot; is neither a phone number nor a prefix such as +44.</source>
        <translation>«%1» no es un número de teléfono ni un prefijo como +44.</translation>
    </message>
</context>
<context>
    <name>CallerListsEditor</name>
    <message>
        <source>&amp;New list…</source>
        <translation>&amp;Nueva lista…</translation>
    </message>
    <message>
        <source>R&amp;ename…</source>
        <translation>Renom&amp;brar…</translation>
    </message>
    <message>
        <source>Remo&amp;ve</source>
        <translation>&amp;Quitar</translation>
    </message>
    <message>
        <source>Caller lists</source>
        <translation>Listas de llamantes</translation>
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
        <translation>Números y prefijos, uno por línea</translation>
    </message>
    <message>
        <source>One per line: a whole number in any form, or a prefix such as +1900 (every number starting with it).</source>
        <translation>Uno por línea: un número completo escrito de cualquier forma, o un prefijo como +1900 (todos los números que empiezan por él).</translation>
    </message>
    <message numerus="yes">
        <source>Blocked callers (%n)</source>
        <translation>
            <numerusform>Llamantes bloqueados (%n)</numerusform>
            <numerusform>Llamantes bloqueados (%n)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Allowed callers (%n)</source>
        <translation>
            <numerusform>Llamantes permitidos (%n)</numerusform>
            <numerusform>Llamantes permitidos (%n)</numerusform>
        </translation>
    </message>
    <message>
        <source>List &quot;%1&quot; (%2)</source>
        <translation>Lista «%1» (%2)</translation>
    </message>
    <message>
        <source>Blocked callers</source>
        <translation>Llamantes bloqueados</translation>
    </message>
    <message>
        <source>These callers are turned away before anything else, whatever the rules say.</source>
        <translation>Estos llamantes se rechazan antes que nada, digan lo que digan las reglas.</translation>
    </message>
    <message>
        <source>Allowed callers</source>
        <translation>Llamantes permitidos</translation>
    </message>
    <message>
        <source>Leave empty to take calls from everyone. When it has numbers, only these callers get through (and never withheld numbers); the block list still wins.</source>
        <translation>Déjela vacía para aceptar llamadas de todo el mundo. Si tiene números, solo pasan estos llamantes (y nunca los números ocultos); la lista de bloqueados sigue teniendo prioridad.</translation>
    </message>
    <message>
        <source>List &quot;%1&quot;</source>
        <translation>Lista «%1»</translation>
    </message>
    <message>
        <source>No rule uses this list yet: choose it under &quot;Caller on list&quot; in a rule.</source>
        <translation>Ninguna regla usa aún esta lista: elíjala en «Llamante en la lista» dentro de una regla.</translation>
    </message>
    <message>
        <source>Used by %1.</source>
        <translation>Se usa en: %1.</translation>
    </message>
    <message>
        <source>Line %1: %2</source>
        <translation>Línea %1: %2</translation>
    </message>
    <message>
        <source>New caller list</source>
        <translation>Nueva lista de llamantes</translation>
    </message>
    <message>
        <source>Name of the list (for example &quot;vip&quot; or &quot;suppliers&quot;):</source>
        <translation>Nombre de la lista (por ejemplo «vip» o «proveedores»):</translation>
    </message>
    <message>
        <source>There is already a list &quot;%1&quot;.</source>
        <translation>Ya existe una lista «%1».</translation>
    </message>
    <message>
        <source>Rename list</source>
        <translation>Renombrar la lista</translation>
    </message>
    <message>
        <source>New name:</source>
        <translation>Nombre nuevo:</translation>
    </message>
    <message>
        <source>Remove list</source>
        <translation>Quitar la lista</translation>
    </message>
    <message>
        <source>The list &quot;%1&quot; is still used by %2. Change those rules first.</source>
        <translation>La lista «%1» todavía se usa en: %2. Cambie primero esas reglas.</translation>
    </message>
    <message>
        <source>Remove the list &quot;%1&quot;?</source>
        <translation>¿Quitar la lista «%1»?</translation>
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
    <message>
        <source>  Voicemail: %1 (%2 s)</source>
        <translation>  Mensaje de voz: %1 (%2 s)</translation>
    </message>
    <message>
        <source>             &quot;%1&quot;</source>
        <translation>             «%1»</translation>
    </message>
    <message>
        <source>Usage: switchboard calls [--json | --csv] [--caller PREFIX] [--outcome OUTCOME] [--limit N]
       switchboard calls show CALLSID [--json]
Lists calls, newest first. Outcomes: ongoing, ai_agent, answered, voicemail,
missed, blocked, failed. --csv prints every matching call (no limit) as the Call logs
panel exports them: RFC 4180, times in UTC.
</source>
        <translation>Uso: switchboard calls [--json | --csv] [--caller PREFIJO] [--outcome RESULTADO] [--limit N]
       switchboard calls show CALLSID [--json]
Muestra las llamadas, las más recientes primero. Resultados: ongoing, ai_agent, answered, voicemail,
missed, blocked, failed. --csv muestra todas las llamadas que coinciden (sin límite) tal como
las exporta el panel de registros de llamadas: RFC 4180, horas en UTC.
</translation>
    </message>
</context>
<context>
    <name>ClosedDatesEditor</name>
    <message>
        <source>Add c&amp;losed day</source>
        <translation>Añadir día de &amp;cierre</translation>
    </message>
    <message>
        <source>Remove &amp;day</source>
        <translation>Quitar &amp;día</translation>
    </message>
    <message>
        <source>Closed days</source>
        <translation>Días de cierre</translation>
    </message>
    <message>
        <source>No closed days. Add holidays and other days nobody is on call, whatever the weekly hours say.</source>
        <translation>No hay días de cierre. Añada los festivos y otros días en que nadie está de guardia, diga lo que diga el horario semanal.</translation>
    </message>
    <message>
        <source>Closed day to add</source>
        <translation>Día de cierre que añadir</translation>
    </message>
</context>
<context>
    <name>ColumnMapping</name>
    <message>
        <source> or else </source>
        <translation> o si no </translation>
    </message>
    <message>
        <source>customer_id or phone</source>
        <translation>customer_id o phone</translation>
    </message>
</context>
<context>
    <name>ColumnMappingEditor</name>
    <message>
        <source>The column %1 of the import</source>
        <translation>La columna %1 de la importación</translation>
    </message>
    <message>
        <source>or else</source>
        <translation>o si no</translation>
    </message>
    <message>
        <source>Day first (31.12.2026, 31/12/2026)</source>
        <translation>Día primero (31.12.2026, 31/12/2026)</translation>
    </message>
    <message>
        <source>Month first (12/31/2026)</source>
        <translation>Mes primero (12/31/2026)</translation>
    </message>
    <message>
        <source>&amp;Dates:</source>
        <translation>&amp;Fechas:</translation>
    </message>
    <message>
        <source>Customer ID</source>
        <translation>N.º de cliente</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Teléfono</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>Correo electrónico</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notas</translation>
    </message>
    <message>
        <source>Assigned to</source>
        <translation>Asignado a</translation>
    </message>
    <message>
        <source>Booking ID</source>
        <translation>N.º de cita</translation>
    </message>
    <message>
        <source>Customer name</source>
        <translation>Nombre del cliente</translation>
    </message>
    <message>
        <source>Starts</source>
        <translation>Inicio</translation>
    </message>
    <message>
        <source>Ends</source>
        <translation>Fin</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>Servicio</translation>
    </message>
    <message>
        <source>Staff</source>
        <translation>Personal</translation>
    </message>
    <message>
        <source>(choose a column)</source>
        <translation>(elija una columna)</translation>
    </message>
    <message>
        <source>(not in this file)</source>
        <translation>(no está en este archivo)</translation>
    </message>
    <message>
        <source>(nothing to add)</source>
        <translation>(nada que añadir)</translation>
    </message>
    <message>
        <source>(no other column)</source>
        <translation>(ninguna otra columna)</translation>
    </message>
    <message>
        <source>(column %1, no name)</source>
        <translation>(columna %1, sin nombre)</translation>
    </message>
    <message>
        <source>The first rows have no start to read.</source>
        <translation>Las primeras filas no tienen un inicio que leer.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a date and time that can be read.</source>
        <translation>«%1» no es una fecha y hora legible.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is read as %2.</source>
        <translation>«%1» se lee como %2.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is read as %2; the file&apos;s dates can only be read this way.</source>
        <translation>«%1» se lee como %2; las fechas del archivo solo pueden leerse así.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is read as %2, month first. If the file puts the day first, choose so.</source>
        <translation>«%1» se lee como %2, mes primero. Si el archivo pone primero el día, elíjalo.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is read as %2, day first. If the file puts the month first, choose so.</source>
        <translation>«%1» se lee como %2, día primero. Si el archivo pone primero el mes, elíjalo.</translation>
    </message>
</context>
<context>
    <name>CommandLine</name>
    <message>
        <source>--data-dir needs a folder.</source>
        <translation>--data-dir necesita una carpeta.</translation>
    </message>
    <message>
        <source>Unknown command &quot;%1&quot;.</source>
        <translation>Comando desconocido «%1».</translation>
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
        <translation>Uso: switchboard [--data-dir DIR] ORDEN [OPCIONES]

Órdenes:
  gui [--hidden] [--dark] [--screenshot DIR] [--verbose]
                                        la aplicación de escritorio (por defecto); --hidden: solo en la
                                        bandeja del sistema; DIR: cada panel en PNG
  serve [--listen HOST:PUERTO] [--feed-listen HOST:PUERTO] [--verbose]
                                        ejecutar el enrutador de llamadas sin ventana hasta que se detenga
  config set CLAVE VALOR | get CLAVE | unset CLAVE | list | rotate CLAVE
  import customers ARCHIVO.csv [--skip-invalid]
  import bookings ARCHIVO.csv [--skip-invalid]
  calls [--json] [--caller PREFIJO] [--outcome RESULTADO] [--limit N]
  calls show CALLSID [--json]
  stats [--json] [--since FECHA] [--until FECHA] [--number E164]
                                        llamadas por día y resultado, porcentajes, duraciones, horas
                                        de más actividad y a quién devolver la llamada (por defecto: 30 días)
  plan export ARCHIVO | plan import ARCHIVO
                                        el plan de enrutamiento como un único documento JSON
  simulate --from NÚMERO [--to NÚMERO] [--at ISO8601] [--digits D] [--json]
                                        el recorrido que seguiría una llamada, sin llamar a nadie
  backup ARCHIVO                        una copia coherente de la base de datos, hecha
                                        mientras se enrutan llamadas
  restore ARCHIVO                       volver a poner una copia (comprobada antes; la base
                                        de datos actual se guarda aparte)
  doctor [--json]                       las comprobaciones de Configuración → Comprobar configuración;
                                        termina con 0 solo si todas pasan
  twilio apply                          dirigir los números enrutados (y su alternativa para cuando
                                        este equipo está apagado) a esta aplicación
  monitor URL --token TOKEN [--json]    seguir las llamadas en curso de otro Switchboard
                                        (el token también de SWITCHBOARD_FEED_TOKEN)

Opciones globales:
  --data-dir DIR   dónde están la base de datos y los ajustes (entorno SWITCHBOARD_DATA_DIR)
  --help           este texto; `switchboard ORDEN --help` para una sola orden
  --version        la versión
</translation>
    </message>
</context>
<context>
    <name>CommandSupport</name>
    <message>
        <source>The log file cannot be written: %1</source>
        <translation>No se puede escribir el archivo de registro: %1</translation>
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
    <message>
        <source>       switchboard config rotate feed.view_token | feed.control_token
Makes a new token for the live feed and prints it; seats that used the old one
are refused from then on.
</source>
        <translation>       switchboard config rotate feed.view_token | feed.control_token
Crea un token nuevo para la transmisión en directo y lo muestra; los puestos que usaban el anterior
quedan rechazados desde ese momento.
</translation>
    </message>
</context>
<context>
    <name>ConnectionBanner</name>
    <message>
        <source>&amp;Trust this certificate</source>
        <translation>&amp;Confiar en este certificado</translation>
    </message>
    <message>
        <source>Enter another &amp;token…</source>
        <translation>Escribir otro &amp;token…</translation>
    </message>
    <message>
        <source>SHA-256 fingerprint of the certificate</source>
        <translation>Huella SHA-256 del certificado</translation>
    </message>
</context>
<context>
    <name>ConnectionPage</name>
    <message>
        <source>How Twilio reaches this computer</source>
        <translation>Cómo llega Twilio a este ordenador</translation>
    </message>
    <message>
        <source>Twilio hands each call to Switchboard over the internet, so this computer needs an https address that leads to it.</source>
        <translation>Twilio entrega cada llamada a Switchboard por internet, así que este ordenador necesita una dirección https que lleve a él.</translation>
    </message>
    <message>
        <source>A tunnel (Cloudflare Tunnel, ngrok…) gives this computer an https address</source>
        <translation>Un túnel (Cloudflare Tunnel, ngrok…) da a este ordenador una dirección https</translation>
    </message>
    <message>
        <source>The office router forwards a port to this computer, behind an https proxy</source>
        <translation>El router de la oficina reenvía un puerto a este ordenador, detrás de un proxy https</translation>
    </message>
    <message>
        <source>Public address</source>
        <translation>Dirección pública</translation>
    </message>
    <message>
        <source>https://frontdesk.example.net</source>
        <translation>https://frontdesk.example.net</translation>
    </message>
    <message>
        <source>The https address the tunnel or the port-forward gives you.</source>
        <translation>La dirección https que le da el túnel o el reenvío de puertos.</translation>
    </message>
    <message>
        <source>Listen on</source>
        <translation>Escuchar en</translation>
    </message>
    <message>
        <source>Where Switchboard takes the calls on this computer: point the tunnel or the port-forward here.</source>
        <translation>Dónde recibe Switchboard las llamadas en este ordenador: dirija aquí el túnel o el reenvío de puertos.</translation>
    </message>
    <message>
        <source>Check the connection</source>
        <translation>Comprobar la conexión</translation>
    </message>
    <message>
        <source>Sends a signed test request to the public address, as Twilio would; nothing is stored.</source>
        <translation>Envía una petición de prueba firmada a la dirección pública, como haría Twilio; no se guarda nada.</translation>
    </message>
    <message>
        <source>Fix the entries marked in red first.</source>
        <translation>Corrija primero las entradas marcadas en rojo.</translation>
    </message>
    <message>
        <source>Asking Twilio&apos;s way in…</source>
        <translation>Probando el camino de entrada de Twilio…</translation>
    </message>
</context>
<context>
    <name>CsvImportDialog</name>
    <message>
        <source>Import only the good rows (leave out the bad ones and list them)</source>
        <translation>Importar solo las filas correctas (omitir las erróneas y listarlas)</translation>
    </message>
    <message>
        <source>Choose file…</source>
        <translation>Elegir archivo…</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>Importar</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Detener</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Cerrar</translation>
    </message>
    <message>
        <source>Import customers</source>
        <translation>Importar clientes</translation>
    </message>
    <message>
        <source>Import bookings</source>
        <translation>Importar citas</translation>
    </message>
    <message>
        <source>No file chosen.</source>
        <translation>No se ha elegido ningún archivo.</translation>
    </message>
    <message>
        <source>CSV files (*.csv *.txt);;All files (*)</source>
        <translation>Archivos CSV (*.csv *.txt);;Todos los archivos (*)</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Cannot read %1: %2.</source>
        <translation>No se puede leer %1: %2.</translation>
    </message>
    <message>
        <source>%1 is empty; it needs a first row naming the columns.</source>
        <translation>%1 está vacío; necesita una primera fila que nombre las columnas.</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>(no name, not imported)</source>
        <translation>(sin nombre, no se importa)</translation>
    </message>
    <message>
        <source>%1 (not imported)</source>
        <translation>%1 (no se importa)</translation>
    </message>
    <message>
        <source>Line %1</source>
        <translation>Línea %1</translation>
    </message>
    <message>
        <source>Columns imported: %1.</source>
        <translation>Columnas importadas: %1.</translation>
    </message>
    <message>
        <source>Not imported: %1.</source>
        <translation>No importadas: %1.</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>Iniciando…</translation>
    </message>
    <message>
        <source>Stopping…</source>
        <translation>Deteniendo…</translation>
    </message>
    <message>
        <source>%1 rows read</source>
        <translation>%1 filas leídas</translation>
    </message>
    <message>
        <source>Imported 1 new customer.</source>
        <translation>Se ha importado 1 cliente nuevo.</translation>
    </message>
    <message>
        <source>Imported %1 new customers.</source>
        <translation>Se han importado %1 clientes nuevos.</translation>
    </message>
    <message>
        <source>Imported 1 new booking.</source>
        <translation>Se ha importado 1 cita nueva.</translation>
    </message>
    <message>
        <source>Imported %1 new bookings.</source>
        <translation>Se han importado %1 citas nuevas.</translation>
    </message>
    <message>
        <source>Updated %1 already saved.</source>
        <translation>Se han actualizado %1 ya guardados.</translation>
    </message>
    <message>
        <source>Created 1 customer from the phone number of a booking.</source>
        <translation>Se ha creado 1 cliente a partir del número de teléfono de una cita.</translation>
    </message>
    <message>
        <source>Created %1 customers from the phone numbers of bookings.</source>
        <translation>Se han creado %1 clientes a partir de los números de teléfono de las citas.</translation>
    </message>
    <message>
        <source>Left out 1 bad row:</source>
        <translation>Se ha omitido 1 fila errónea:</translation>
    </message>
    <message>
        <source>Left out %1 bad rows:</source>
        <translation>Se han omitido %1 filas erróneas:</translation>
    </message>
    <message>
        <source>Nothing was imported: 1 row has a problem.</source>
        <translation>No se ha importado nada: 1 fila tiene un problema.</translation>
    </message>
    <message>
        <source>Nothing was imported: %1 rows have problems.</source>
        <translation>No se ha importado nada: %1 filas tienen problemas.</translation>
    </message>
    <message>
        <source>Fix them in the file and import it again, or tick &quot;Import only the good rows&quot;.</source>
        <translation>Corríjalas en el archivo e impórtelo de nuevo, o marque «Importar solo las filas correctas».</translation>
    </message>
    <message>
        <source>Line %1: %2</source>
        <translation>Línea %1: %2</translation>
    </message>
    <message>
        <source>Example file…</source>
        <translation>Archivo de ejemplo…</translation>
    </message>
    <message>
        <source>Save a small file with the columns the import reads, to fill in or compare</source>
        <translation>Guardar un archivo pequeño con las columnas que lee la importación, para rellenarlo o compararlo</translation>
    </message>
    <message>
        <source>Choose a CSV file to see its first rows here: an export of your practice software or a spreadsheet, with commas or semicolons between the columns.

You then say which of its columns holds the name, the phone number (a mobile, or else a landline), the email, the notes, the staff member the customer is assigned to, and the customer&apos;s number in your software. Customers already saved are updated by that number, or without one by their name and phone. Example file… saves a file with the columns the import reads.</source>
        <translation>Elija un archivo CSV para ver aquí sus primeras filas: una exportación de su programa de gestión o una hoja de cálculo, con comas o puntos y coma entre las columnas.

Después indique qué columna contiene el nombre, el teléfono (un móvil, o si no un fijo), el correo electrónico, las notas, la persona del personal asignada al cliente y el número del cliente en su programa. Los clientes ya guardados se actualizan por ese número, o sin él por su nombre y teléfono. «Archivo de ejemplo…» guarda un archivo con las columnas que lee la importación.</translation>
    </message>
    <message>
        <source>Choose a CSV file to see its first rows here: an export of your practice software or a spreadsheet, with commas or semicolons between the columns.

You then say which of its columns holds the booking&apos;s number, when it starts (a date and time, or a date and a time), and who it is for: the customer&apos;s number, or their name and phone number. The end, status, service and staff are read when the file has them. Times are read in this computer&apos;s time zone. Bookings already saved are updated by their number. Example file… saves a file with the columns the import reads.</source>
        <translation>Elija un archivo CSV para ver aquí sus primeras filas: una exportación de su programa de gestión o una hoja de cálculo, con comas o puntos y coma entre las columnas.

Después indique qué columna contiene el número de la cita, cuándo empieza (fecha y hora, o una fecha y una hora) y para quién es: el número del cliente, o su nombre y teléfono. El fin, el estado, el servicio y el personal se leen si el archivo los tiene. Las horas se leen en la zona horaria de este ordenador. Las citas ya guardadas se actualizan por su número. «Archivo de ejemplo…» guarda un archivo con las columnas que lee la importación.</translation>
    </message>
    <message>
        <source>customers-example.csv</source>
        <translation>clientes-ejemplo.csv</translation>
    </message>
    <message>
        <source>bookings-example.csv</source>
        <translation>citas-ejemplo.csv</translation>
    </message>
    <message>
        <source>Save an example file</source>
        <translation>Guardar un archivo de ejemplo</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>Archivos CSV (*.csv)</translation>
    </message>
    <message>
        <source>The example file could not be saved as %1: %2.</source>
        <translation>No se ha podido guardar el archivo de ejemplo como %1: %2.</translation>
    </message>
    <message>
        <source>%1, from the file&apos;s %2</source>
        <translation>%1, de %2 del archivo</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a date and time that can be read.</source>
        <translation>«%1» no es una fecha y hora legible.</translation>
    </message>
    <message>
        <source>Choose which column of %1 holds %2: the import needs it.</source>
        <translation>Elija qué columna de %1 contiene %2: la importación la necesita.</translation>
    </message>
    <message>
        <source>The first rows as they will be imported (what the import would refuse in red):</source>
        <translation>Las primeras filas tal como se importarán (lo que la importación rechazaría, en rojo):</translation>
    </message>
    <message>
        <source>A note about a phone number that customers share is at the end of the list.</source>
        <translation>Al final de la lista hay una nota sobre un número de teléfono que comparten varios clientes.</translation>
    </message>
    <message>
        <source>%1 notes about phone numbers that customers share are at the end of the list.</source>
        <translation>Al final de la lista hay %1 notas sobre números de teléfono que comparten varios clientes.</translation>
    </message>
    <message>
        <source>Line %1, column %2: %3</source>
        <translation>Línea %1, columna %2: %3</translation>
    </message>
    <message>
        <source>Note: %1</source>
        <translation>Nota: %1</translation>
    </message>
</context>
<context>
    <name>CsvReader</name>
    <message>
        <source>The input could not be read: %1.</source>
        <translation>No se pudo leer la entrada: %1.</translation>
    </message>
    <message>
        <source>The text is UTF-16, not UTF-8.</source>
        <translation>El texto está en UTF-16, no en UTF-8.</translation>
    </message>
    <message>
        <source>Line %1 is not valid UTF-8 text.</source>
        <translation>La línea %1 no es texto UTF-8 válido.</translation>
    </message>
    <message>
        <source>The quoted field that starts on line %1 has no closing quote.</source>
        <translation>Al campo entre comillas que empieza en la línea %1 le falta la comilla de cierre.</translation>
    </message>
</context>
<context>
    <name>CsvTableImporter</name>
    <message>
        <source>%1 does not name the required columns %2 in its first row (expected: %3).</source>
        <translation>%1 no nombra en su primera fila las columnas obligatorias %2 (se espera: %3).</translation>
    </message>
    <message>
        <source>%1 names the columns %2 more than once in its first row.</source>
        <translation>%1 nombra las columnas %2 más de una vez en su primera fila.</translation>
    </message>
    <message>
        <source>Cannot read %1 to the end: %2.</source>
        <translation>No se puede leer %1 hasta el final: %2.</translation>
    </message>
    <message>
        <source>%1 is UTF-16 text; save it as UTF-8 and import it again.</source>
        <translation>%1 es texto UTF-16; guárdelo como UTF-8 e impórtelo de nuevo.</translation>
    </message>
    <message>
        <source>%1 is not UTF-8 text (line %2); save it as UTF-8 and import it again.</source>
        <translation>%1 no es texto UTF-8 (línea %2); guárdelo como UTF-8 e impórtelo de nuevo.</translation>
    </message>
    <message>
        <source>%1 has a quoted value starting on line %2 that never ends; a closing double quote is missing.</source>
        <translation>%1 tiene un valor entre comillas que empieza en la línea %2 y nunca termina; falta una comilla doble de cierre.</translation>
    </message>
    <message>
        <source>Cannot read %1: %2.</source>
        <translation>No se puede leer %1: %2.</translation>
    </message>
    <message>
        <source>%1 is empty; it needs a first row naming the columns.</source>
        <translation>%1 está vacío; necesita una primera fila que nombre las columnas.</translation>
    </message>
    <message>
        <source>Cannot import %1: %2</source>
        <translation>No se puede importar %1: %2</translation>
    </message>
    <message>
        <source>the row has %1 values but the first row names %2 columns; a value containing a comma must be in double quotes</source>
        <translation>la fila tiene %1 valores pero la primera fila nombra %2 columnas; un valor que contenga una coma debe ir entre comillas dobles</translation>
    </message>
    <message>
        <source>Cannot import %1 (line %2): %3</source>
        <translation>No se puede importar %1 (línea %2): %3</translation>
    </message>
    <message>
        <source>The import of %1 was stopped; nothing was imported.</source>
        <translation>Se detuvo la importación de %1; no se ha importado nada.</translation>
    </message>
    <message>
        <source>The first row of %1 is not the one its columns were matched for; choose the file again.</source>
        <translation>La primera fila de %1 no es aquella para la que se asignaron sus columnas; vuelva a elegir el archivo.</translation>
    </message>
    <message>
        <source>the row has %1 values but the first row names %2 columns; a value containing a semicolon or a tab must be in double quotes</source>
        <translation>la fila tiene %1 valores pero la primera fila nombra %2 columnas; un valor que contenga un punto y coma o un tabulador debe ir entre comillas dobles</translation>
    </message>
</context>
<context>
    <name>CustomerCheck</name>
    <message>
        <source>A name is needed: it is what the front desk sees.</source>
        <translation>Se necesita un nombre: es lo que ve la recepción.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not an email address.</source>
        <translation>«%1» no es una dirección de correo electrónico.</translation>
    </message>
    <message>
        <source>name is empty</source>
        <translation>name está vacío</translation>
    </message>
    <message>
        <source>phone &quot;%1&quot; is not a phone number</source>
        <translation>phone «%1» no es un número de teléfono</translation>
    </message>
    <message>
        <source>email &quot;%1&quot; is not an email address</source>
        <translation>email «%1» no es una dirección de correo electrónico</translation>
    </message>
    <message>
        <source>assigned_staff &quot;%1&quot; is not on the staff of the routing plan, which has nobody yet; add them under Staff &amp; schedules first, or leave the cell empty</source>
        <translation>assigned_staff «%1» no figura en el personal del plan de enrutamiento, que aún no tiene a nadie; añada primero a esa persona en «Personal y horarios» o deje la celda vacía</translation>
    </message>
    <message>
        <source>assigned_staff &quot;%1&quot; is not on the staff of the routing plan: %2</source>
        <translation>assigned_staff «%1» no figura en el personal del plan de enrutamiento: %2</translation>
    </message>
</context>
<context>
    <name>CustomerDialog</name>
    <message>
        <source>Add customer</source>
        <translation>Añadir cliente</translation>
    </message>
    <message>
        <source>(555) 123-4567 or +44 20 7946 0018</source>
        <translation>(555) 123-4567 o +44 20 7946 0018</translation>
    </message>
    <message>
        <source>Nobody</source>
        <translation>Nadie</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Nombre:</translation>
    </message>
    <message>
        <source>&amp;Phone:</source>
        <translation>&amp;Teléfono:</translation>
    </message>
    <message>
        <source>&amp;Email:</source>
        <translation>&amp;Correo electrónico:</translation>
    </message>
    <message>
        <source>&amp;Assigned to:</source>
        <translation>&amp;Asignado a:</translation>
    </message>
    <message>
        <source>N&amp;otes:</source>
        <translation>N&amp;otas:</translation>
    </message>
    <message>
        <source>Edit customer</source>
        <translation>Editar cliente</translation>
    </message>
    <message>
        <source>%1 (not in the routing plan)</source>
        <translation>%1 (no está en el plan de enrutamiento)</translation>
    </message>
    <message>
        <source>Calls from %1 will be recognised as this customer.</source>
        <translation>Las llamadas desde %1 se reconocerán como de este cliente.</translation>
    </message>
    <message>
        <source>Without a number, calls from this customer are not recognised.</source>
        <translation>Sin número, las llamadas de este cliente no se reconocen.</translation>
    </message>
    <message>
        <source>The customer was not saved: %1</source>
        <translation>No se ha guardado el cliente: %1</translation>
    </message>
</context>
<context>
    <name>CustomerImporter</name>
    <message>
        <source>customer_id is empty</source>
        <translation>customer_id está vacío</translation>
    </message>
    <message>
        <source>customer_id &quot;%1&quot; is already used on line %2</source>
        <translation>customer_id «%1» ya se usa en la línea %2</translation>
    </message>
    <message>
        <source>the same name and phone as line %1</source>
        <translation>el mismo nombre y teléfono que la línea %1</translation>
    </message>
    <message>
        <source>a customer without a name</source>
        <translation>un cliente sin nombre</translation>
    </message>
    <message>
        <source>Line %1 has the phone number %2, the same as %3 (already saved): fine for a family&apos;s landline, a typo otherwise.</source>
        <translation>La línea %1 tiene el número de teléfono %2, el mismo que %3 (ya guardado): bien si es el fijo de una familia, si no, una errata.</translation>
    </message>
    <message>
        <source>Lines %1 have the same phone number, %2 (%3): fine for a family&apos;s landline, a typo otherwise.</source>
        <translation>Las líneas %1 tienen el mismo número de teléfono, %2 (%3): bien si es el fijo de una familia, si no, una errata.</translation>
    </message>
</context>
<context>
    <name>CustomerStore</name>
    <message>
        <source>There is no customer with id %1.</source>
        <translation>No hay ningún cliente con el id %1.</translation>
    </message>
    <message>
        <source>A customer needs an id to be inserted or updated by id.</source>
        <translation>Un cliente necesita un id para insertarse o actualizarse por id.</translation>
    </message>
    <message>
        <source>The customer %1 could not be read back for updating.</source>
        <translation>No se pudo volver a leer el cliente %1 para actualizarlo.</translation>
    </message>
    <message>
        <source>A customer cannot be merged with themselves.</source>
        <translation>Un cliente no se puede fusionar consigo mismo.</translation>
    </message>
</context>
<context>
    <name>CustomersModel</name>
    <message>
        <source>(no name)</source>
        <translation>(sin nombre)</translation>
    </message>
    <message>
        <source>Saved as &quot;%1&quot;. Calls from %2 are recognised as this customer.</source>
        <translation>Guardado como «%1». Las llamadas desde %2 se reconocen como de este cliente.</translation>
    </message>
    <message>
        <source>No phone number: calls from this customer are not recognised.</source>
        <translation>Sin número de teléfono: las llamadas de este cliente no se reconocen.</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Teléfono</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>Correo electrónico</translation>
    </message>
    <message>
        <source>Next booking</source>
        <translation>Próxima cita</translation>
    </message>
    <message>
        <source>Assigned staff</source>
        <translation>Personal asignado</translation>
    </message>
</context>
<context>
    <name>CustomersPanel</name>
    <message>
        <source>Confirmed</source>
        <translation>Confirmada</translation>
    </message>
    <message>
        <source>Pending</source>
        <translation>Pendiente</translation>
    </message>
    <message>
        <source>Canceled</source>
        <translation>Cancelada</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>Completada</translation>
    </message>
    <message>
        <source>No-show</source>
        <translation>No se presentó</translation>
    </message>
    <message>
        <source>Add customer…</source>
        <translation>Añadir cliente…</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>Editar…</translation>
    </message>
    <message>
        <source>Starts</source>
        <translation>Inicio</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>Servicio</translation>
    </message>
    <message>
        <source>Staff</source>
        <translation>Personal</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>New booking…</source>
        <translation>Nueva cita…</translation>
    </message>
    <message>
        <source>Cancel booking</source>
        <translation>Cancelar cita</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Cuándo</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Resultado</translation>
    </message>
    <message>
        <source>Length</source>
        <translation>Duración</translation>
    </message>
    <message>
        <source>Answered by</source>
        <translation>Atendida por</translation>
    </message>
    <message>
        <source>Customers &amp; bookings</source>
        <translation>Clientes y citas</translation>
    </message>
    <message>
        <source>Search by name or phone number</source>
        <translation>Buscar por nombre o número de teléfono</translation>
    </message>
    <message>
        <source>Highlighted: active bookings (confirmed or pending, and not over yet).</source>
        <translation>Resaltadas: citas activas (confirmadas o pendientes, y aún no terminadas).</translation>
    </message>
    <message>
        <source>Bookings</source>
        <translation>Citas</translation>
    </message>
    <message>
        <source>Recent calls</source>
        <translation>Llamadas recientes</translation>
    </message>
    <message>
        <source>Select a customer to see their bookings and calls.</source>
        <translation>Seleccione un cliente para ver sus citas y llamadas.</translation>
    </message>
    <message>
        <source>1 customer</source>
        <translation>1 cliente</translation>
    </message>
    <message>
        <source>%1 customers</source>
        <translation>%1 clientes</translation>
    </message>
    <message>
        <source>%1 of %2 customers match &quot;%3&quot;</source>
        <translation>%1 de %2 clientes coinciden con «%3»</translation>
    </message>
    <message>
        <source>No customer&apos;s name or number matches &quot;%1&quot;.</source>
        <translation>Ningún nombre ni número de cliente coincide con «%1».</translation>
    </message>
    <message>
        <source>(no name)</source>
        <translation>(sin nombre)</translation>
    </message>
    <message>
        <source>No phone number</source>
        <translation>Sin número de teléfono</translation>
    </message>
    <message>
        <source>Assigned to %1</source>
        <translation>Asignado a %1</translation>
    </message>
    <message>
        <source>%1–%2</source>
        <translation>%1–%2</translation>
    </message>
    <message>
        <source>No phone number is saved, so calls cannot be matched to this customer.</source>
        <translation>No hay ningún número de teléfono guardado, así que las llamadas no se pueden asociar a este cliente.</translation>
    </message>
    <message>
        <source>No calls from %1 yet.</source>
        <translation>Aún no hay llamadas desde %1.</translation>
    </message>
    <message>
        <source>Only active bookings can be canceled.</source>
        <translation>Solo se pueden cancelar las citas activas.</translation>
    </message>
    <message>
        <source>Cancel %1&apos;s booking of %2?</source>
        <translation>¿Cancelar la cita de %1 del %2?</translation>
    </message>
    <message>
        <source>It stays in the list as canceled, and calls from this customer no longer count it as an active booking.</source>
        <translation>Permanece en la lista como cancelada, y las llamadas de este cliente ya no la cuentan como cita activa.</translation>
    </message>
    <message>
        <source>Keep booking</source>
        <translation>Mantener la cita</translation>
    </message>
    <message>
        <source>The booking was not canceled: %1</source>
        <translation>No se ha cancelado la cita: %1</translation>
    </message>
    <message>
        <source>Merge duplicate…</source>
        <translation>Fusionar duplicado…</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>Eliminar…</translation>
    </message>
    <message>
        <source>Edit booking…</source>
        <translation>Editar cita…</translation>
    </message>
    <message>
        <source>Delete customer</source>
        <translation>Eliminar cliente</translation>
    </message>
    <message>
        <source>Delete %1?</source>
        <translation>¿Eliminar a %1?</translation>
    </message>
    <message numerus="yes">
        <source>Delete %1 and their %n booking(s)?</source>
        <translation>
            <numerusform>¿Eliminar a %1 junto con %n cita?</numerusform>
            <numerusform>¿Eliminar a %1 junto con sus %n citas?</numerusform>
        </translation>
    </message>
    <message>
        <source>Their calls stay in the call log under their phone number. This cannot be undone.</source>
        <translation>Sus llamadas se quedan en el registro de llamadas con su número de teléfono. No se puede deshacer.</translation>
    </message>
    <message>
        <source>Keep customer</source>
        <translation>Mantener el cliente</translation>
    </message>
    <message>
        <source>%1 was not deleted, and nothing was changed: %2</source>
        <translation>No se ha eliminado a %1 y no se ha cambiado nada: %2</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>Importar</translation>
    </message>
    <message>
        <source>Customers from a CSV file…</source>
        <translation>Clientes desde un archivo CSV…</translation>
    </message>
    <message>
        <source>Bookings from a CSV file…</source>
        <translation>Citas desde un archivo CSV…</translation>
    </message>
    <message>
        <source>No customers yet.

Add them one by one with &quot;Add customer…&quot;, or bring in your customer list with &quot;Import&quot; → &quot;Customers from a CSV file…&quot;.</source>
        <translation>Aún no hay clientes.

Añádalos uno a uno con «Añadir cliente…» o traiga su lista de clientes con «Importar» → «Clientes desde un archivo CSV…».</translation>
    </message>
    <message>
        <source>Call back…</source>
        <translation>Devolver la llamada…</translation>
    </message>
    <message>
        <source>Select a customer to call them back.</source>
        <translation>Seleccione un cliente para devolverle la llamada.</translation>
    </message>
    <message>
        <source>This customer has no phone number that can be called.</source>
        <translation>Este cliente no tiene ningún número de teléfono al que se pueda llamar.</translation>
    </message>
    <message>
        <source>Ring a phone of the practice first, then this customer.</source>
        <translation>Llamar primero a un teléfono de la consulta y después a este cliente.</translation>
    </message>
</context>
<context>
    <name>DailyBackup</name>
    <message>
        <source>Cannot create the backup folder %1.</source>
        <translation>No se puede crear la carpeta de copias %1.</translation>
    </message>
</context>
<context>
    <name>DataDirectory</name>
    <message>
        <source>Cannot create the data folder %1.</source>
        <translation>No se puede crear la carpeta de datos %1.</translation>
    </message>
    <message>
        <source>The database %1 is damaged (SQLite says &quot;%2&quot;), and there is no backup in this data folder.</source>
        <translation>La base de datos %1 está dañada (SQLite dice «%2») y no hay ninguna copia en esta carpeta de datos.</translation>
    </message>
    <message>
        <source>The database %1 is damaged (SQLite says &quot;%2&quot;). The newest backup is %3: put it back with `switchboard restore %3`.</source>
        <translation>La base de datos %1 está dañada (SQLite dice «%2»). La copia más reciente es %3: vuelva a ponerla con `switchboard restore %3`.</translation>
    </message>
</context>
<context>
    <name>DataFolderPath</name>
    <message>
        <source>The data folder %1 does not exist.</source>
        <translation>La carpeta de datos %1 no existe.</translation>
    </message>
    <message>
        <source>The file name %1 leaves the data folder.</source>
        <translation>El nombre de archivo %1 sale de la carpeta de datos.</translation>
    </message>
    <message>
        <source>Cannot create the folder %1.</source>
        <translation>No se puede crear la carpeta %1.</translation>
    </message>
</context>
<context>
    <name>Database</name>
    <message>
        <source>Cannot create the data folder %1.</source>
        <translation>No se puede crear la carpeta de datos %1.</translation>
    </message>
    <message>
        <source>Cannot open the database %1: %2</source>
        <translation>No se puede abrir la base de datos %1: %2</translation>
    </message>
    <message>
        <source>Cannot read the schema version of %1.</source>
        <translation>No se puede leer la versión del esquema de %1.</translation>
    </message>
    <message>
        <source>The database %1 was written by a newer Switchboard (schema %2; this one knows %3).</source>
        <translation>La base de datos %1 la escribió un Switchboard más reciente (esquema %2; este conoce el %3).</translation>
    </message>
    <message>
        <source>%1 is not a Switchboard database (SQLite cannot read it); move it away or choose another data folder.</source>
        <translation>%1 no es una base de datos de Switchboard (SQLite no puede leerla); muévala a otro sitio o elija otra carpeta de datos.</translation>
    </message>
    <message>
        <source>The database %1 is locked by another program; try again in a moment.</source>
        <translation>La base de datos %1 está bloqueada por otro programa; inténtelo de nuevo en un momento.</translation>
    </message>
    <message>
        <source>Database error in %1: %2</source>
        <translation>Error de base de datos en %1: %2</translation>
    </message>
    <message>
        <source>Cannot set the lock wait of %1: %2</source>
        <translation>No se puede establecer la espera de bloqueo de %1: %2</translation>
    </message>
    <message>
        <source>Cannot back up the database %1 before upgrading it, so it was left as it was: %2</source>
        <translation>No se puede hacer una copia de la base de datos %1 antes de actualizarla, así que se dejó como estaba: %2</translation>
    </message>
</context>
<context>
    <name>DatabaseBackup</name>
    <message>
        <source>There is no database at %1.</source>
        <translation>No hay ninguna base de datos en %1.</translation>
    </message>
    <message>
        <source>Cannot read the database %1: %2.</source>
        <translation>No se puede leer la base de datos %1: %2.</translation>
    </message>
    <message>
        <source>Cannot write %1: %2.</source>
        <translation>No se puede escribir %1: %2.</translation>
    </message>
    <message>
        <source>the copy fails SQLite&apos;s integrity check (%1)</source>
        <translation>la copia no pasa la comprobación de integridad de SQLite (%1)</translation>
    </message>
    <message>
        <source>Cannot back the database up to %1: %2.</source>
        <translation>No se puede copiar la base de datos en %1: %2.</translation>
    </message>
    <message>
        <source>Cannot put the backup in place at %1.</source>
        <translation>No se puede colocar la copia en %1.</translation>
    </message>
    <message>
        <source>There is no file %1.</source>
        <translation>No existe el archivo %1.</translation>
    </message>
    <message>
        <source>%1 is not a Switchboard database (not an SQLite file).</source>
        <translation>%1 no es una base de datos de Switchboard (no es un archivo SQLite).</translation>
    </message>
    <message>
        <source>%1 cannot be read: %2.</source>
        <translation>No se puede leer %1: %2.</translation>
    </message>
    <message>
        <source>%1 is an SQLite database, but not a Switchboard one.</source>
        <translation>%1 es una base de datos SQLite, pero no de Switchboard.</translation>
    </message>
    <message>
        <source>%1 was made by a newer Switchboard (schema %2; this one knows up to %3).</source>
        <translation>%1 es de un Switchboard más reciente (esquema %2; este conoce hasta el %3).</translation>
    </message>
    <message>
        <source>%1 is damaged: SQLite&apos;s integrity check says &quot;%2&quot;.</source>
        <translation>%1 está dañado: la comprobación de integridad de SQLite dice «%2».</translation>
    </message>
    <message>
        <source>Cannot make the folder %1 for the current database.</source>
        <translation>No se puede crear la carpeta %1 para la base de datos actual.</translation>
    </message>
    <message>
        <source>Cannot move %1 aside; nothing was restored.</source>
        <translation>No se puede apartar %1; no se ha restaurado nada.</translation>
    </message>
    <message>
        <source>Cannot put the restored database in place; the previous one is in %1.</source>
        <translation>No se puede colocar la base de datos restaurada; la anterior está en %1.</translation>
    </message>
</context>
<context>
    <name>DialChain</name>
    <message>
        <source>no such staff member</source>
        <translation>no existe esa persona del personal</translation>
    </message>
    <message>
        <source>not active</source>
        <translation>no activo</translation>
    </message>
    <message>
        <source>off schedule: there is no schedule &quot;%1&quot;</source>
        <translation>fuera de horario: no existe el horario «%1»</translation>
    </message>
    <message>
        <source>has no phone number</source>
        <translation>no tiene número de teléfono</translation>
    </message>
    <message>
        <source>already rung in this call</source>
        <translation>ya se le llamó en esta llamada</translation>
    </message>
    <message>
        <source>on another call</source>
        <translation>en otra llamada</translation>
    </message>
    <message>
        <source>the team rings only one person</source>
        <translation>el equipo llama solo a una persona</translation>
    </message>
    <message>
        <source>the team rings at most %1 people</source>
        <translation>el equipo llama como máximo a %1 personas</translation>
    </message>
    <message>
        <source>same phone number as %1</source>
        <translation>mismo número de teléfono que %1</translation>
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
        <translation>No se puede llamar a nadie del equipo: no tiene miembros.</translation>
    </message>
    <message>
        <source>Nobody in the team can be rung: %1.</source>
        <translation>No se puede llamar a nadie del equipo: %1.</translation>
    </message>
    <message>
        <source>%1 together</source>
        <translation>%1 a la vez</translation>
    </message>
    <message>
        <source>%1, then %2</source>
        <translation>%1, luego %2</translation>
    </message>
    <message>
        <source>Ringing %1.</source>
        <translation>Llamando a %1.</translation>
    </message>
    <message>
        <source>Ringing %1; skipped %2.</source>
        <translation>Llamando a %1; omitidos: %2.</translation>
    </message>
</context>
<context>
    <name>DoctorCommand</name>
    <message>
        <source>Router running</source>
        <translation>Enrutador en marcha</translation>
    </message>
    <message>
        <source>No Switchboard is routing calls from this data folder, so this computer answers no calls.</source>
        <translation>Ningún Switchboard está enrutando llamadas desde esta carpeta de datos, así que este equipo no atiende llamadas.</translation>
    </message>
    <message>
        <source>Start the desktop app or `switchboard serve` (as a service: `systemctl enable --now switchboard`).</source>
        <translation>Inicie la aplicación de escritorio o `switchboard serve` (como servicio: `systemctl enable --now switchboard`).</translation>
    </message>
    <message>
        <source>A Switchboard (process %1) routes calls from this data folder.</source>
        <translation>Un Switchboard (proceso %1) enruta las llamadas desde esta carpeta de datos.</translation>
    </message>
    <message>
        <source>Print the findings as JSON.</source>
        <translation>Mostrar los resultados como JSON.</translation>
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
        <translation>Uso: switchboard doctor [--json]
Comprueba lo que comprueba Configuración → Comprobar configuración: la cuenta de Twilio, que cada número
enrutado apunte aquí y a la alternativa para cuando este equipo no pueda responder, qué hace esa
alternativa, que la URL pública sea alcanzable para Twilio (no la dirección loopback de este equipo, ni
un rango privado, ni http sin cifrar; el puerto en el que escucha el enrutador) y llegue a esta aplicación,
el agente de voz de Retell y el número de respaldo; y que haya un enrutador en marcha para esta carpeta.
Cada resultado indica qué hacer.
Termina con 0 si todas las comprobaciones pasan; si no, con 1.
  --json   {ok, checks: [{title, ok, detail, fix}]}
</translation>
    </message>
</context>
<context>
    <name>FallbackFlow</name>
    <message>
        <source>Updated by Switchboard</source>
        <translation>Actualizado por Switchboard</translation>
    </message>
    <message>
        <source>takes a voicemail of up to %1 s</source>
        <translation>graba un mensaje de voz de hasta %1 s</translation>
    </message>
    <message>
        <source>says &quot;%1&quot; and hangs up</source>
        <translation>dice «%1» y cuelga</translation>
    </message>
    <message>
        <source>rings %1 for %2 s; when nobody answers, %3</source>
        <translation>hace sonar %1 durante %2 s; si nadie contesta, %3</translation>
    </message>
</context>
<context>
    <name>FallbackPage</name>
    <message>
        <source>Who answers when nobody else can</source>
        <translation>Quién contesta cuando nadie más puede</translation>
    </message>
    <message>
        <source>When the AI agent cannot take a call, or a caller has no booking and nobody else is set to ring, this phone rings, so no caller is ever turned away.</source>
        <translation>Cuando el agente de IA no puede atender una llamada, o quien llama no tiene cita y no hay nadie más a quien llamar, suena este teléfono, para que nunca se rechace a nadie.</translation>
    </message>
    <message>
        <source>Fallback number</source>
        <translation>Número de respaldo</translation>
    </message>
    <message>
        <source>for example (555) 010-2030</source>
        <translation>por ejemplo (555) 010-2030</translation>
    </message>
    <message>
        <source>The front desk&apos;s phone or a mobile: any number that can take a call.</source>
        <translation>El teléfono de la recepción o un móvil: cualquier número que pueda atender una llamada.</translation>
    </message>
    <message>
        <source>Country</source>
        <translation>País</translation>
    </message>
    <message>
        <source>Two-letter country code (US, GB, DE…): numbers written without + are read as this country&apos;s.</source>
        <translation>Código de país de dos letras (US, GB, DE…): los números escritos sin + se leen como de este país.</translation>
    </message>
</context>
<context>
    <name>FeedAddress</name>
    <message>
        <source>The router&apos;s address is empty; give it as ws://HOST:PORT (for example ws://192.168.1.20:8081).</source>
        <translation>La dirección del enrutador está vacía; indíquela como ws://HOST:PUERTO (por ejemplo ws://192.168.1.20:8081).</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not an address of a router (for example ws://192.168.1.20:8081).</source>
        <translation>«%1» no es la dirección de un enrutador (por ejemplo ws://192.168.1.20:8081).</translation>
    </message>
    <message>
        <source>&quot;%1&quot;: the address must start with ws://, wss://, http:// or https://.</source>
        <translation>«%1»: la dirección debe empezar por ws://, wss://, http:// o https://.</translation>
    </message>
    <message>
        <source>&quot;%1&quot;: give the address without a user name, &quot;?…&quot; or &quot;#…&quot;; the token is given on its own.</source>
        <translation>«%1»: indique la dirección sin nombre de usuario, «?…» ni «#…»; el token se indica aparte.</translation>
    </message>
</context>
<context>
    <name>FeedApi</name>
    <message>
        <source>There is nothing at %1; the API has /api/calls, /api/calls/SID and /api/stats.</source>
        <translation>No hay nada en %1; la API tiene /api/calls, /api/calls/SID y /api/stats.</translation>
    </message>
    <message>
        <source>%1 is not allowed here: the API only reads (GET).</source>
        <translation>%1 no está permitido aquí: la API solo lee (GET).</translation>
    </message>
    <message>
        <source>%1 is not a parameter of %2, which takes none.</source>
        <translation>%1 no es un parámetro de %2, que no admite ninguno.</translation>
    </message>
    <message>
        <source>%1 is not a parameter of %2, which takes %3.</source>
        <translation>%1 no es un parámetro de %2, que admite %3.</translation>
    </message>
    <message>
        <source>%1 is given more than once.</source>
        <translation>%1 aparece más de una vez.</translation>
    </message>
    <message>
        <source>outcome: &quot;%1&quot; is not an outcome (ongoing, ai_agent, answered, voicemail, missed, blocked, failed).</source>
        <translation>outcome: «%1» no es un resultado (ongoing, ai_agent, answered, voicemail, missed, blocked, failed).</translation>
    </message>
    <message>
        <source>limit must be a whole number from 1 to %1.</source>
        <translation>limit debe ser un número entero de 1 a %1.</translation>
    </message>
    <message>
        <source>before: &quot;%1&quot; is not a Twilio call SID (CA followed by 32 hexadecimal digits).</source>
        <translation>before: «%1» no es un SID de llamada de Twilio (CA seguido de 32 dígitos hexadecimales).</translation>
    </message>
    <message>
        <source>before: there is no call %1 (any more); read again from the first page.</source>
        <translation>before: no hay (ya) ninguna llamada %1; vuelva a leer desde la primera página.</translation>
    </message>
    <message>
        <source>The call SID &quot;%1&quot; is not CA followed by 32 hexadecimal digits.</source>
        <translation>El SID de llamada «%1» no es CA seguido de 32 dígitos hexadecimales.</translation>
    </message>
    <message>
        <source>No call with the id &quot;%1&quot;.</source>
        <translation>No hay ninguna llamada con el id «%1».</translation>
    </message>
</context>
<context>
    <name>FeedApiClient</name>
    <message>
        <source>what this seat may do</source>
        <translation>lo que puede hacer este puesto</translation>
    </message>
    <message>
        <source>the call log</source>
        <translation>el registro de llamadas</translation>
    </message>
    <message>
        <source>The call log from %1 is not a list of calls.</source>
        <translation>El registro de llamadas de %1 no es una lista de llamadas.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a call&apos;s id.</source>
        <translation>«%1» no es el identificador de una llamada.</translation>
    </message>
    <message>
        <source>the call %1</source>
        <translation>la llamada %1</translation>
    </message>
    <message>
        <source>The call %1 from %2 cannot be read.</source>
        <translation>No se puede leer la llamada %1 de %2.</translation>
    </message>
    <message>
        <source>the statistics</source>
        <translation>las estadísticas</translation>
    </message>
    <message>
        <source>The statistics from %1 cannot be read: %2</source>
        <translation>No se pueden leer las estadísticas de %1: %2</translation>
    </message>
    <message>
        <source>Cannot read %1: no router to ask.</source>
        <translation>No se puede leer %1: no hay router al que preguntar.</translation>
    </message>
    <message numerus="yes">
        <source>%1 did not send %2 within %n s.</source>
        <translation>
            <numerusform>%1 no envió %2 en %n s.</numerusform>
            <numerusform>%1 no envió %2 en %n s.</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 sent more than %2 MiB for %3, so it was not read.</source>
        <translation>%1 envió más de %2 MiB para %3, así que no se leyó.</translation>
    </message>
    <message>
        <source>Cannot read %1: the certificate of %2 is not trusted.</source>
        <translation>No se puede leer %1: el certificado de %2 no es de confianza.</translation>
    </message>
    <message>
        <source>Cannot read %1: %2 cannot be reached (%3).</source>
        <translation>No se puede leer %1: no se puede llegar a %2 (%3).</translation>
    </message>
    <message>
        <source>The token was refused: ask for a new one.</source>
        <translation>El token fue rechazado: pida uno nuevo.</translation>
    </message>
    <message>
        <source>Cannot read %1: %2 answered HTTP %3.</source>
        <translation>No se puede leer %1: %2 respondió HTTP %3.</translation>
    </message>
    <message>
        <source>Cannot read %1: %2 answered: %3.</source>
        <translation>No se puede leer %1: %2 respondió: %3.</translation>
    </message>
    <message>
        <source>Cannot read %1: the connection to %2 broke (%3).</source>
        <translation>No se puede leer %1: se cortó la conexión con %2 (%3).</translation>
    </message>
    <message>
        <source>Cannot read %1: %2 did not answer with the API&apos;s JSON; is it a Switchboard?</source>
        <translation>No se puede leer %1: %2 no respondió con el JSON de la API; ¿es un Switchboard?</translation>
    </message>
</context>
<context>
    <name>FeedClient</name>
    <message numerus="yes">
        <source>The router sent a message larger than %n MiB; the connection was closed.</source>
        <translation>
            <numerusform>El enrutador envió un mensaje de más de %n MiB; se cerró la conexión.</numerusform>
            <numerusform>El enrutador envió un mensaje de más de %n MiB; se cerró la conexión.</numerusform>
        </translation>
    </message>
    <message>
        <source>The router closed the connection.</source>
        <translation>El enrutador cerró la conexión.</translation>
    </message>
    <message>
        <source>The router closed the connection: %1</source>
        <translation>El enrutador cerró la conexión: %1</translation>
    </message>
    <message>
        <source>The connection was closed before the router answered; the command may or may not have been carried out.</source>
        <translation>La conexión se cerró antes de que respondiera el enrutador; puede que la orden se haya ejecutado o no.</translation>
    </message>
    <message>
        <source>The token is empty.</source>
        <translation>El token está vacío.</translation>
    </message>
    <message>
        <source>The token has spaces or characters no token has; copy it again.</source>
        <translation>El token tiene espacios o caracteres que ningún token tiene; cópielo de nuevo.</translation>
    </message>
    <message>
        <source>The connection was renewed before the router answered; the command may or may not have been carried out.</source>
        <translation>La conexión se renovó antes de que respondiera el enrutador; puede que la orden se haya ejecutado o no.</translation>
    </message>
    <message>
        <source>Not connected.</source>
        <translation>Sin conexión.</translation>
    </message>
    <message>
        <source>Not connected: %1</source>
        <translation>Sin conexión: %1</translation>
    </message>
    <message>
        <source>Connecting to %1…</source>
        <translation>Conectando con %1…</translation>
    </message>
    <message>
        <source>Connected to %1.</source>
        <translation>Conectado a %1.</translation>
    </message>
    <message numerus="yes">
        <source>Cut off: %1 Next try in %n s.</source>
        <translation>
            <numerusform>Desconectado: %1 Próximo intento en %n s.</numerusform>
            <numerusform>Desconectado: %1 Próximo intento en %n s.</numerusform>
        </translation>
    </message>
    <message>
        <source>Not connected to the router; the command was not sent.</source>
        <translation>No hay conexión con el enrutador; la orden no se envió.</translation>
    </message>
    <message>
        <source>A command with the id &quot;%1&quot; is still waiting for its answer.</source>
        <translation>Una orden con el id «%1» aún espera su respuesta.</translation>
    </message>
    <message numerus="yes">
        <source>The router did not answer within %n s; the command may or may not have been carried out.</source>
        <translation>
            <numerusform>El enrutador no respondió en %n s; puede que la orden se haya ejecutado o no.</numerusform>
            <numerusform>El enrutador no respondió en %n s; puede que la orden se haya ejecutado o no.</numerusform>
        </translation>
    </message>
    <message>
        <source>The router sent a binary message; the feed&apos;s messages are text.</source>
        <translation>El enrutador envió un mensaje binario; los mensajes de la transmisión son texto.</translation>
    </message>
    <message>
        <source>A message from the router could not be read: %1</source>
        <translation>No se pudo leer un mensaje del enrutador: %1</translation>
    </message>
    <message>
        <source>The router answered HTTP %1 instead of opening the feed.</source>
        <translation>El enrutador respondió HTTP %1 en lugar de abrir la transmisión.</translation>
    </message>
    <message>
        <source>The router answered HTTP %1 (%2) instead of opening the feed.</source>
        <translation>El enrutador respondió HTTP %1 (%2) en lugar de abrir la transmisión.</translation>
    </message>
    <message>
        <source>The router&apos;s certificate is not trusted (%1).</source>
        <translation>El certificado del enrutador no es de confianza (%1).</translation>
    </message>
    <message>
        <source>The router&apos;s certificate is not trusted (%1). Its SHA-256 fingerprint is %2: if it is the one the router shows, pin it.</source>
        <translation>El certificado del enrutador no es de confianza (%1). Su huella SHA-256 es %2: si es la que muestra el enrutador, fíjela.</translation>
    </message>
    <message>
        <source>The router&apos;s certificate is not the pinned one (%1). Its SHA-256 fingerprint is %2.</source>
        <translation>El certificado del enrutador no es el fijado (%1). Su huella SHA-256 es %2.</translation>
    </message>
    <message numerus="yes">
        <source>The router did not answer within %n s.</source>
        <translation>
            <numerusform>El enrutador no respondió en %n s.</numerusform>
            <numerusform>El enrutador no respondió en %n s.</numerusform>
        </translation>
    </message>
    <message>
        <source>The router stopped answering.</source>
        <translation>El enrutador dejó de responder.</translation>
    </message>
    <message>
        <source>The connection was cut before the router answered; the command may or may not have been carried out.</source>
        <translation>La conexión se cortó antes de que respondiera el enrutador; puede que la orden se haya ejecutado o no.</translation>
    </message>
    <message>
        <source>The token was refused; the command was not carried out.</source>
        <translation>El token fue rechazado; la orden no se ejecutó.</translation>
    </message>
    <message>
        <source>The token was refused.</source>
        <translation>El token fue rechazado.</translation>
    </message>
</context>
<context>
    <name>FeedListener</name>
    <message>
        <source>The request&apos;s head is larger than %1 bytes.</source>
        <translation>La cabecera de la petición ocupa más de %1 bytes.</translation>
    </message>
    <message>
        <source>That is not an HTTP request.</source>
        <translation>Eso no es una petición HTTP.</translation>
    </message>
    <message>
        <source>There is nothing at %1; the live feed is at /feed and the API under /api/.</source>
        <translation>No hay nada en %1; la transmisión en directo está en /feed y la API en /api/.</translation>
    </message>
    <message>
        <source>A token is needed: send &quot;Authorization: Bearer TOKEN&quot;.</source>
        <translation>Hace falta un token: envíe «Authorization: Bearer TOKEN».</translation>
    </message>
    <message>
        <source>The token was refused.</source>
        <translation>El token fue rechazado.</translation>
    </message>
    <message>
        <source>Only GET is answered here.</source>
        <translation>Aquí solo se responde a GET.</translation>
    </message>
    <message>
        <source>This Switchboard has no API.</source>
        <translation>Este Switchboard no tiene API.</translation>
    </message>
    <message>
        <source>The live feed is a WebSocket: ask for &quot;Upgrade: websocket&quot;.</source>
        <translation>La transmisión en directo es un WebSocket: pida «Upgrade: websocket».</translation>
    </message>
    <message>
        <source>since must be the seq of the last message received.</source>
        <translation>since debe ser el seq del último mensaje recibido.</translation>
    </message>
    <message>
        <source>The live feed cannot use TLS: this computer&apos;s Qt has no TLS support.</source>
        <translation>La transmisión en directo no puede usar TLS: el Qt de este equipo no admite TLS.</translation>
    </message>
    <message>
        <source>feed.tls_cert: &quot;%1&quot; cannot be read as a PEM certificate.</source>
        <translation>feed.tls_cert: «%1» no se puede leer como certificado PEM.</translation>
    </message>
    <message>
        <source>feed.tls_key: cannot read &quot;%1&quot;: %2.</source>
        <translation>feed.tls_key: no se puede leer «%1»: %2.</translation>
    </message>
    <message>
        <source>feed.tls_key: &quot;%1&quot; holds no RSA or EC private key that can be read (a key protected by a pass phrase cannot be used).</source>
        <translation>feed.tls_key: «%1» no contiene ninguna clave privada RSA o EC legible (no se puede usar una clave protegida con frase de contraseña).</translation>
    </message>
</context>
<context>
    <name>FeedMessageReasons</name>
    <message>
        <source>&quot;to&quot; must be {&quot;staff&quot;: ID}, {&quot;team&quot;: ID} or {&quot;number&quot;: E164}</source>
        <translation>«to» debe ser {&quot;staff&quot;: ID}, {&quot;team&quot;: ID} o {&quot;number&quot;: E164}</translation>
    </message>
    <message>
        <source>&quot;to&quot;: &quot;%1&quot; is not an E.164 number (+ and up to 15 digits)</source>
        <translation>«to»: «%1» no es un número E.164 (+ y hasta 15 dígitos)</translation>
    </message>
    <message>
        <source>a command needs an &quot;id&quot;</source>
        <translation>una orden necesita un «id»</translation>
    </message>
    <message>
        <source>&quot;action&quot; must be hangup, voicemail, transfer or call_back</source>
        <translation>«action» debe ser hangup, voicemail, transfer o call_back</translation>
    </message>
    <message>
        <source>a command needs the &quot;call_sid&quot; of its call</source>
        <translation>una orden necesita el «call_sid» de su llamada</translation>
    </message>
    <message>
        <source>a transfer needs &quot;to&quot;</source>
        <translation>una transferencia necesita «to»</translation>
    </message>
    <message>
        <source>not JSON: %1</source>
        <translation>no es JSON: %1</translation>
    </message>
    <message>
        <source>not a JSON object</source>
        <translation>no es un objeto JSON</translation>
    </message>
    <message>
        <source>unknown &quot;type&quot; &quot;%1&quot;</source>
        <translation>«type» desconocido «%1»</translation>
    </message>
    <message>
        <source>&quot;v&quot; must be %1</source>
        <translation>«v» debe ser %1</translation>
    </message>
    <message>
        <source>&quot;seq&quot; must be a whole number of 0 or more</source>
        <translation>«seq» debe ser un número entero de 0 o más</translation>
    </message>
    <message>
        <source>a snapshot needs &quot;calls&quot;, a list</source>
        <translation>una instantánea necesita «calls», una lista</translation>
    </message>
    <message>
        <source>a call of the snapshot has no &quot;call_sid&quot;</source>
        <translation>una llamada de la instantánea no tiene «call_sid»</translation>
    </message>
    <message>
        <source>&quot;session&quot; has no &quot;call_sid&quot;</source>
        <translation>«session» no tiene «call_sid»</translation>
    </message>
    <message>
        <source>an event needs &quot;call_sid&quot; and an &quot;event&quot; with &quot;at&quot; and &quot;step&quot;</source>
        <translation>un evento necesita «call_sid» y un «event» con «at» y «step»</translation>
    </message>
    <message>
        <source>a result needs &quot;ok&quot;, true or false</source>
        <translation>un resultado necesita «ok», true o false</translation>
    </message>
    <message>
        <source>&quot;number&quot;: &quot;%1&quot; is not an E.164 number (+ and up to 15 digits)</source>
        <translation>«number»: «%1» no es un número E.164 (+ y hasta 15 dígitos)</translation>
    </message>
    <message>
        <source>a call-back needs either the &quot;call_sid&quot; of the call to return or the &quot;number&quot; to call</source>
        <translation>una devolución de llamada necesita el «call_sid» de la llamada que devolver o el «number» al que llamar</translation>
    </message>
    <message>
        <source>a call-back needs &quot;to&quot;: whose phone rings first</source>
        <translation>una devolución de llamada necesita «to»: qué teléfono suena primero</translation>
    </message>
    <message>
        <source>a call-back rings one phone first: &quot;to&quot; must be {&quot;staff&quot;: ID} or {&quot;number&quot;: E164}</source>
        <translation>una devolución de llamada hace sonar primero un teléfono: «to» debe ser {&quot;staff&quot;: ID} o {&quot;number&quot;: E164}</translation>
    </message>
</context>
<context>
    <name>FeedServer</name>
    <message>
        <source>The router is stopping.</source>
        <translation>El enrutador se está deteniendo.</translation>
    </message>
    <message>
        <source>The live feed cannot listen on %1:%2: %3.</source>
        <translation>La transmisión en directo no puede escuchar en %1:%2: %3.</translation>
    </message>
    <message>
        <source>Only JSON text messages are read.</source>
        <translation>Solo se leen mensajes de texto JSON.</translation>
    </message>
    <message>
        <source>Too slow: messages after %1 were not sent. Reconnect with since=%1.</source>
        <translation>Demasiado lento: no se enviaron los mensajes posteriores a %1. Vuelva a conectar con since=%1.</translation>
    </message>
    <message>
        <source>Only commands are read here.</source>
        <translation>Aquí solo se leen órdenes.</translation>
    </message>
    <message>
        <source>The message was not understood: %1.</source>
        <translation>No se entendió el mensaje: %1.</translation>
    </message>
    <message>
        <source>This seat may only watch: its token does not allow acting on calls.</source>
        <translation>Este puesto solo puede observar: su token no permite actuar sobre las llamadas.</translation>
    </message>
    <message>
        <source>This Switchboard does not take commands.</source>
        <translation>Este Switchboard no acepta órdenes.</translation>
    </message>
    <message>
        <source>Too many commands at once; wait for their results.</source>
        <translation>Demasiadas órdenes a la vez; espere a sus resultados.</translation>
    </message>
    <message>
        <source>The token was changed; connect with the new one.</source>
        <translation>El token ha cambiado; conéctese con el nuevo.</translation>
    </message>
</context>
<context>
    <name>GuiCommand</name>
    <message>
        <source>Cannot prepare the sample data: %1</source>
        <translation>No se pueden preparar los datos de ejemplo: %1</translation>
    </message>
    <message>
        <source>Cannot create %1.</source>
        <translation>No se puede crear %1.</translation>
    </message>
    <message>
        <source>Cannot write %1.</source>
        <translation>No se puede escribir %1.</translation>
    </message>
    <message>
        <source>Render every panel with sample data into DIR and exit.</source>
        <translation>Dibujar cada panel con datos de ejemplo en DIR y salir.</translation>
    </message>
    <message>
        <source>The desktop app needs a display.</source>
        <translation>La aplicación de escritorio necesita una pantalla.</translation>
    </message>
    <message>
        <source>Switchboard is already open for this data folder; brought it to the front.</source>
        <translation>Switchboard ya está abierto para esta carpeta de datos; se ha traído al frente.</translation>
    </message>
    <message>
        <source>Start in the system tray without opening the window (as at login); without a tray the window opens anyway.</source>
        <translation>Iniciar en la bandeja del sistema sin abrir la ventana (como al iniciar sesión); sin bandeja, la ventana se abre de todos modos.</translation>
    </message>
    <message>
        <source>One log line per webhook answered, besides the usual ones.</source>
        <translation>Una línea de registro por cada webhook respondido, además de las habituales.</translation>
    </message>
    <message>
        <source>Usage: switchboard [gui] [--hidden] [--dark] [--screenshot DIR] [--verbose]
Opens the desktop app; the call router runs inside it for as long as it runs. What it
does is also written to logs/switchboard.log in the data folder (--verbose: a line for
every webhook answered).
</source>
        <translation>Uso: switchboard [gui] [--hidden] [--dark] [--screenshot DIR] [--verbose]
Abre la aplicación de escritorio; el enrutador de llamadas funciona dentro de ella mientras está abierta.
Lo que hace también se escribe en logs/switchboard.log en la carpeta de datos (--verbose: una línea
por cada webhook respondido).
</translation>
    </message>
    <message>
        <source>Dark colours, whatever the desktop&apos;s theme (with --screenshot too).</source>
        <translation>Colores oscuros, sea cual sea el tema del escritorio (también con --screenshot).</translation>
    </message>
</context>
<context>
    <name>HttpClient</name>
    <message>
        <source>the address is not an http or https URL</source>
        <translation>la dirección no es una URL http o https</translation>
    </message>
    <message>
        <source>a request header cannot be sent as it is</source>
        <translation>un encabezado de la solicitud no se puede enviar tal cual</translation>
    </message>
</context>
<context>
    <name>HttpConnection</name>
    <message>
        <source>the connection was closed in the middle of the answer</source>
        <translation>la conexión se cerró en medio de la respuesta</translation>
    </message>
</context>
<context>
    <name>ImportCommand</name>
    <message>
        <source>Nothing was imported from %1: the database refused the changes.</source>
        <translation>No se importó nada de %1: la base de datos rechazó los cambios.</translation>
    </message>
    <message>
        <source>Imported customers from %1: %2 new, %3 updated</source>
        <translation>Clientes importados de %1: %2 nuevos, %3 actualizados</translation>
    </message>
    <message>
        <source>Imported bookings from %1: %2 new, %3 updated</source>
        <translation>Citas importadas de %1: %2 nuevas, %3 actualizadas</translation>
    </message>
    <message numerus="yes">
        <source>Nothing was imported from %1: %n bad row(s). Fix them, or import the good rows with --skip-invalid.</source>
        <translation>
            <numerusform>No se importó nada de %1: %n fila errónea. Corríjala o importe las filas buenas con --skip-invalid.</numerusform>
            <numerusform>No se importó nada de %1: %n filas erróneas. Corríjalas o importe las filas buenas con --skip-invalid.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, %n customer(s) created from booking phone numbers</source>
        <translation>
            <numerusform>, %n cliente creado a partir de los teléfonos de las citas</numerusform>
            <numerusform>, %n clientes creados a partir de los teléfonos de las citas</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, %n bad row(s) skipped</source>
        <translation>
            <numerusform>, %n fila errónea omitida</numerusform>
            <numerusform>, %n filas erróneas omitidas</numerusform>
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
        <translation>Uso: switchboard import customers ARCHIVO.csv [--skip-invalid]
     switchboard import bookings ARCHIVO.csv [--skip-invalid]
columnas de customers: customer_id,name,phone,email,notes[,assigned_staff]
columnas de bookings:  booking_id,customer_id,customer_name,phone,starts_at,ends_at,status,service,staff
Las columnas pueden separarse con comas o con puntos y coma. Las filas se comprueban
como en el diálogo «Añadir cliente» (un nombre, un teléfono, un correo electrónico,
una persona del personal del plan de enrutamiento). Un archivo con alguna fila
errónea no importa nada y lista todas las filas erróneas; --skip-invalid importa las
filas correctas. Volver a importar actualiza las filas con el mismo id. Los clientes
que comparten un número de teléfono se listan como avisos.
</translation>
    </message>
    <message>
        <source>warning: %1</source>
        <translation>aviso: %1</translation>
    </message>
</context>
<context>
    <name>KeychainEntry</name>
    <message>
        <source>the system keychain did not answer within %1 seconds</source>
        <translation>el llavero del sistema no respondió en %1 segundos</translation>
    </message>
    <message>
        <source>the system keychain has no entry &quot;%1&quot; for service &quot;%2&quot;</source>
        <translation>el llavero del sistema no tiene ninguna entrada «%1» para el servicio «%2»</translation>
    </message>
    <message>
        <source>the system keychain reported: %1</source>
        <translation>el llavero del sistema informó: %1</translation>
    </message>
    <message>
        <source>no answer within %1 seconds</source>
        <translation>sin respuesta en %1 segundos</translation>
    </message>
    <message>
        <source>the system keychain could not store the entry &quot;%1&quot; (%2)</source>
        <translation>el llavero del sistema no pudo guardar la entrada «%1» (%2)</translation>
    </message>
</context>
<context>
    <name>LiveCallControl</name>
    <message>
        <source>A seat</source>
        <translation>Un puesto</translation>
    </message>
    <message>
        <source>There is no call %1 in progress here.</source>
        <translation>Aquí no hay ninguna llamada %1 en curso.</translation>
    </message>
    <message>
        <source>The call has already ended.</source>
        <translation>La llamada ya ha terminado.</translation>
    </message>
    <message>
        <source>This Switchboard cannot do that from a seat yet; only hanging up is possible.</source>
        <translation>Este Switchboard aún no puede hacer eso desde un puesto; solo es posible colgar.</translation>
    </message>
    <message>
        <source>Twilio&apos;s account SID and auth token are not set up, so calls cannot be hung up from here.</source>
        <translation>El SID de cuenta y el token de autenticación de Twilio no están configurados, así que no se pueden colgar llamadas desde aquí.</translation>
    </message>
    <message>
        <source>%1 hung up the call.</source>
        <translation>%1 colgó la llamada.</translation>
    </message>
    <message>
        <source>%1 asked to hang up; Twilio said: %2</source>
        <translation>%1 pidió colgar; Twilio respondió: %2</translation>
    </message>
    <message>
        <source>A call-back cannot be moved; hang it up, or call back again.</source>
        <translation>Una devolución de llamada no se puede mover; cuélguela o vuelva a devolver la llamada.</translation>
    </message>
    <message>
        <source>Say whom to transfer the call to: a staff member, a team or a number.</source>
        <translation>Indique a quién transferir la llamada: un miembro del personal, un equipo o un número.</translation>
    </message>
    <message>
        <source>%1 is not a phone number.</source>
        <translation>%1 no es un número de teléfono.</translation>
    </message>
    <message>
        <source>Twilio&apos;s account SID and auth token are not set up, so calls cannot be moved from here.</source>
        <translation>El SID de cuenta y el token de autenticación de Twilio no están configurados, así que desde aquí no se pueden mover llamadas.</translation>
    </message>
    <message>
        <source>server.public_url is not set, so Twilio could not fetch where the call goes next.</source>
        <translation>server.public_url no está configurado, así que Twilio no podría saber adónde va la llamada después.</translation>
    </message>
    <message>
        <source>%1 sent the call to voicemail.</source>
        <translation>%1 envió la llamada al buzón de voz.</translation>
    </message>
    <message>
        <source>%1 transferred the call to %2.</source>
        <translation>%1 transfirió la llamada a %2.</translation>
    </message>
    <message>
        <source>%1 asked to send the call to voicemail; Twilio said: %2</source>
        <translation>%1 pidió enviar la llamada al buzón de voz; Twilio dijo: %2</translation>
    </message>
    <message>
        <source>%1 asked to transfer the call to %2; Twilio said: %3</source>
        <translation>%1 pidió transferir la llamada a %2; Twilio dijo: %3</translation>
    </message>
</context>
<context>
    <name>LiveCallsModel</name>
    <message>
        <source>Withheld number</source>
        <translation>Número oculto</translation>
    </message>
    <message>
        <source>Finished</source>
        <translation>Finalizada</translation>
    </message>
    <message>
        <source>Caller</source>
        <translation>Llamante</translation>
    </message>
    <message>
        <source>Number called</source>
        <translation>Número llamado</translation>
    </message>
    <message>
        <source>Now</source>
        <translation>Ahora</translation>
    </message>
    <message>
        <source>In this step</source>
        <translation>En este paso</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Total</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Resultado</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <comment>customer name · phone number</comment>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>%1, booking %2</source>
        <translation>%1, cita %2</translation>
    </message>
    <message>
        <source>Call-back to %1</source>
        <translation>Devolución de llamada a %1</translation>
    </message>
</context>
<context>
    <name>LiveFeedBox</name>
    <message>
        <source>Copy</source>
        <translation>Copiar</translation>
    </message>
    <message>
        <source>Copied</source>
        <translation>Copiado</translation>
    </message>
    <message>
        <source>Other seats: the live calls on other computers</source>
        <translation>Otros puestos: las llamadas en curso en otros equipos</translation>
    </message>
    <message>
        <source>Staff at other desks, and the owner at home, see the live calls, call logs and statistics with &quot;Connect to another Switchboard&quot; in their own Switchboard, or in a terminal with switchboard monitor.</source>
        <translation>El personal de otros puestos, y la persona titular desde casa, ven las llamadas en curso, los registros y las estadísticas con «Conectar con otro Switchboard» en su propio Switchboard, o en un terminal con switchboard monitor.</translation>
    </message>
    <message>
        <source>Listen on</source>
        <translation>Escuchar en</translation>
    </message>
    <message>
        <source>127.0.0.1:8081 lets in only this computer; 0.0.0.0:8081 lets in the practice&apos;s other computers.</source>
        <translation>127.0.0.1:8081 solo admite este equipo; 0.0.0.0:8081 admite los demás equipos de la consulta.</translation>
    </message>
    <message>
        <source>Copy the seat address</source>
        <translation>Copiar la dirección del puesto</translation>
    </message>
    <message>
        <source>Seat address</source>
        <translation>Dirección del puesto</translation>
    </message>
    <message>
        <source>Token to watch</source>
        <translation>Token para observar</translation>
    </message>
    <message>
        <source>Sees the live calls, call logs and statistics.</source>
        <translation>Ve las llamadas en curso, los registros y las estadísticas.</translation>
    </message>
    <message>
        <source>Token to act</source>
        <translation>Token para actuar</translation>
    </message>
    <message>
        <source>Also hangs up, sends to voicemail, transfers and calls back. Give it only to people who may.</source>
        <translation>Además cuelga, envía al buzón de voz, transfiere y devuelve llamadas. Entréguelo solo a quien deba poder hacerlo.</translation>
    </message>
    <message>
        <source>TLS certificate</source>
        <translation>Certificado TLS</translation>
    </message>
    <message>
        <source>optional: a PEM file</source>
        <translation>opcional: un archivo PEM</translation>
    </message>
    <message>
        <source>With a certificate and its key, seats connect with wss:// and nobody on the network can read along.</source>
        <translation>Con un certificado y su clave, los puestos se conectan con wss:// y nadie en la red puede leer lo que pasa.</translation>
    </message>
    <message>
        <source>TLS key</source>
        <translation>Clave TLS</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>Mostrar</translation>
    </message>
    <message>
        <source>Show the %1</source>
        <translation>Mostrar el %1</translation>
    </message>
    <message>
        <source>Hide</source>
        <translation>Ocultar</translation>
    </message>
    <message>
        <source>New token</source>
        <translation>Token nuevo</translation>
    </message>
    <message>
        <source>Makes a new token: seats using this one are cut off at once and need the new one.</source>
        <translation>Crea un token nuevo: los puestos que usan este se desconectan al momento y necesitan el nuevo.</translation>
    </message>
    <message>
        <source>Copy the %1</source>
        <translation>Copiar el %1</translation>
    </message>
    <message>
        <source>Only this computer can connect now.</source>
        <translation>Ahora solo puede conectarse este equipo.</translation>
    </message>
    <message>
        <source>The practice&apos;s other computers connect to this address; keep the port closed to the internet unless the feed uses TLS.</source>
        <translation>Los demás equipos de la consulta se conectan a esta dirección; mantenga el puerto cerrado a internet salvo que la transmisión use TLS.</translation>
    </message>
    <message>
        <source>Make a new token?</source>
        <translation>¿Crear un token nuevo?</translation>
    </message>
    <message>
        <source>Seats that use the current token are cut off at once and need the new one to connect again.</source>
        <translation>Los puestos que usan el token actual se desconectan al momento y necesitan el nuevo para volver a conectarse.</translation>
    </message>
</context>
<context>
    <name>LiveMonitorPanel</name>
    <message>
        <source>No calls right now. New calls appear here as they come in.</source>
        <translation>No hay llamadas en este momento. Las nuevas llamadas aparecen aquí en cuanto entran.</translation>
    </message>
    <message>
        <source>Live calls</source>
        <translation>Llamadas en curso</translation>
    </message>
    <message numerus="yes">
        <source>%n call(s) in progress.</source>
        <translation>
            <numerusform>%n llamada en curso.</numerusform>
            <numerusform>%n llamadas en curso.</numerusform>
        </translation>
    </message>
    <message>
        <source>Hang up</source>
        <translation>Colgar</translation>
    </message>
    <message>
        <source>Ends the selected call for the caller and whoever they are talking with.</source>
        <translation>Termina la llamada seleccionada para quien llama y para quien habla con esa persona.</translation>
    </message>
    <message>
        <source>Hang up?</source>
        <translation>¿Colgar?</translation>
    </message>
    <message>
        <source>End the call from %1 now?</source>
        <translation>¿Terminar ahora la llamada de %1?</translation>
    </message>
    <message>
        <source>Could not hang up: %1</source>
        <translation>No se pudo colgar: %1</translation>
    </message>
    <message>
        <source>Voicemail</source>
        <translation>Buzón de voz</translation>
    </message>
    <message>
        <source>Transfer</source>
        <translation>Transferir</translation>
    </message>
    <message>
        <source>Asks the caller of the selected call to leave a message.</source>
        <translation>Pide a quien hace la llamada seleccionada que deje un mensaje.</translation>
    </message>
    <message>
        <source>Rings someone else for the selected call; if nobody answers, the caller still reaches the fallback number or voicemail.</source>
        <translation>Hace sonar a otra persona para la llamada seleccionada; si nadie contesta, quien llama aún llega al número de respaldo o al buzón de voz.</translation>
    </message>
    <message>
        <source>Staff</source>
        <translation>Personal</translation>
    </message>
    <message>
        <source>Teams</source>
        <translation>Equipos</translation>
    </message>
    <message>
        <source>Another number…</source>
        <translation>Otro número…</translation>
    </message>
    <message>
        <source>Send to voicemail?</source>
        <translation>¿Enviar al buzón de voz?</translation>
    </message>
    <message>
        <source>Ask %1 to leave a message? Whoever is talking with them now is cut off.</source>
        <translation>¿Pedir a %1 que deje un mensaje? Quien esté hablando ahora con esa persona queda desconectado.</translation>
    </message>
    <message>
        <source>%1 is not a phone number.</source>
        <translation>%1 no es un número de teléfono.</translation>
    </message>
    <message>
        <source>Transfer to a number</source>
        <translation>Transferir a un número</translation>
    </message>
    <message>
        <source>The number to ring for this call (another office, a mobile):</source>
        <translation>El número que debe sonar para esta llamada (otra oficina, un móvil):</translation>
    </message>
    <message>
        <source>Could not send the call to voicemail: %1</source>
        <translation>No se pudo enviar la llamada al buzón de voz: %1</translation>
    </message>
    <message>
        <source>Could not transfer the call: %1</source>
        <translation>No se pudo transferir la llamada: %1</translation>
    </message>
    <message>
        <source>Could not call back: %1</source>
        <translation>No se pudo devolver la llamada: %1</translation>
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
        <translation>Paneles</translation>
    </message>
    <message>
        <source>Live calls</source>
        <translation>Llamadas en curso</translation>
    </message>
    <message>
        <source>Setup</source>
        <translation>Configuración</translation>
    </message>
    <message>
        <source>Customers &amp; bookings</source>
        <translation>Clientes y citas</translation>
    </message>
    <message>
        <source>Call logs</source>
        <translation>Registro de llamadas</translation>
    </message>
    <message>
        <source>Statistics</source>
        <translation>Estadísticas</translation>
    </message>
    <message>
        <source>Pause routing</source>
        <translation>Pausar el enrutamiento</translation>
    </message>
    <message>
        <source>Routing</source>
        <translation>Enrutamiento</translation>
    </message>
    <message>
        <source>Open Switchboard</source>
        <translation>Abrir Switchboard</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Salir</translation>
    </message>
    <message>
        <source>&amp;Switchboard</source>
        <translation>&amp;Switchboard</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Idioma</translation>
    </message>
    <message>
        <source>As the system</source>
        <translation>Como el sistema</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Idioma</translation>
    </message>
    <message>
        <source>The new language applies the next time Switchboard starts.</source>
        <translation>El nuevo idioma se aplicará la próxima vez que se inicie Switchboard.</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Salir</translation>
    </message>
    <message>
        <source>● Router listening on %1:%2</source>
        <translation>● Enrutador escuchando en %1:%2</translation>
    </message>
    <message>
        <source>● Router not running: %1</source>
        <translation>● El enrutador no está en marcha: %1</translation>
    </message>
    <message>
        <source>● Router starting…</source>
        <translation>● Iniciando el enrutador…</translation>
    </message>
    <message>
        <source>Webhook URL: %1</source>
        <translation>URL del webhook: %1</translation>
    </message>
    <message>
        <source>Routing on</source>
        <translation>Enrutamiento activo</translation>
    </message>
    <message>
        <source>Routing paused</source>
        <translation>Enrutamiento en pausa</translation>
    </message>
    <message>
        <source>Quit Switchboard</source>
        <translation>Salir de Switchboard</translation>
    </message>
    <message>
        <source>&amp;Notify of new calls</source>
        <translation>&amp;Avisar de llamadas nuevas</translation>
    </message>
    <message>
        <source>New call</source>
        <translation>Llamada nueva</translation>
    </message>
    <message>
        <source>A withheld number is calling.</source>
        <translation>Llama un número oculto.</translation>
    </message>
    <message>
        <source>%1 is calling.</source>
        <translation>%1 está llamando.</translation>
    </message>
    <message>
        <source>Staff &amp; schedules</source>
        <translation>Personal y horarios</translation>
    </message>
    <message>
        <source>The routing plan has changes that are not saved. Save them before quitting?</source>
        <translation>El plan de enrutamiento tiene cambios sin guardar. ¿Desea guardarlos antes de salir?</translation>
    </message>
    <message>
        <source>The plan cannot be saved yet: %1 The problems are marked in red in the Routing and Staff &amp; schedules panels.</source>
        <translation>Todavía no se puede guardar el plan: %1 Los problemas están marcados en rojo en los paneles «Enrutamiento» y «Personal y horarios».</translation>
    </message>
    <message numerus="yes">
        <source>%n problem(s) to fix.</source>
        <translation>
            <numerusform>Hay que corregir %n problema.</numerusform>
            <numerusform>Hay que corregir %n problemas.</numerusform>
        </translation>
    </message>
    <message>
        <source>⚠ %1</source>
        <translation>⚠ %1</translation>
    </message>
    <message numerus="yes">
        <source>%n call(s) are in progress.</source>
        <translation>
            <numerusform>Hay %n llamada en curso.</numerusform>
            <numerusform>Hay %n llamadas en curso.</numerusform>
        </translation>
    </message>
    <message>
        <source>Switchboard can quit once they have ended, answering calls until then. If it quits now, calls already connected go on, but nobody answers their next steps or new calls here.</source>
        <translation>Switchboard puede cerrarse cuando terminen, atendiendo llamadas hasta entonces. Si se cierra ahora, las llamadas ya conectadas siguen, pero nadie atiende aquí sus siguientes pasos ni llamadas nuevas.</translation>
    </message>
    <message>
        <source>Quit when they have ended</source>
        <translation>Salir cuando terminen</translation>
    </message>
    <message>
        <source>Quit now</source>
        <translation>Salir ahora</translation>
    </message>
    <message>
        <source>Close Switchboard</source>
        <translation>Cerrar Switchboard</translation>
    </message>
    <message>
        <source>Switchboard answers your calls only while it runs. Keep answering them with the window closed?</source>
        <translation>Switchboard atiende sus llamadas solo mientras está en marcha. ¿Seguir atendiéndolas con la ventana cerrada?</translation>
    </message>
    <message>
        <source>To see the window again, open Switchboard again from the applications menu.</source>
        <translation>Para ver la ventana de nuevo, vuelva a abrir Switchboard desde el menú de aplicaciones.</translation>
    </message>
    <message>
        <source>Keep answering calls</source>
        <translation>Seguir atendiendo llamadas</translation>
    </message>
    <message>
        <source>● Router still listening on %1:%2: %3</source>
        <translation>● El enrutador sigue escuchando en %1:%2: %3</translation>
    </message>
    <message>
        <source>Webhook URL: none yet. Enter this computer&apos;s public address in Setup so that Twilio can reach it</source>
        <translation>URL del webhook: aún ninguna. Escriba en Configuración la dirección pública de este ordenador para que Twilio pueda llegar a él</translation>
    </message>
    <message>
        <source>Set-up &amp;assistant…</source>
        <translation>&amp;Asistente de configuración…</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>A&amp;yuda</translation>
    </message>
    <message>
        <source>Set-up &amp;guide</source>
        <translation>&amp;Guía de configuración</translation>
    </message>
    <message>
        <source>&amp;About Switchboard</source>
        <translation>&amp;Acerca de Switchboard</translation>
    </message>
    <message>
        <source>The front desk (%1)</source>
        <translation>La recepción (%1)</translation>
    </message>
    <message>
        <source>Ringing your phone…</source>
        <translation>Sonando su teléfono…</translation>
    </message>
    <message>
        <source>The call-back did not start: %1</source>
        <translation>La devolución de llamada no empezó: %1</translation>
    </message>
    <message>
        <source>&amp;Connect to another Switchboard…</source>
        <translation>&amp;Conectar con otro Switchboard…</translation>
    </message>
    <message>
        <source>Connect to another Switchboard</source>
        <translation>Conectar con otro Switchboard</translation>
    </message>
    <message>
        <source>Starting the call-back…</source>
        <translation>Empezando la devolución de llamada…</translation>
    </message>
    <message>
        <source>Call-backs start once the router is running.</source>
        <translation>Las devoluciones de llamada empiezan cuando el router está en marcha.</translation>
    </message>
</context>
<context>
    <name>MasterKey</name>
    <message>
        <source>Cannot create the data folder %1.</source>
        <translation>No se puede crear la carpeta de datos %1.</translation>
    </message>
    <message>
        <source>Cannot read the key file %1: %2.</source>
        <translation>No se puede leer el archivo de clave %1: %2.</translation>
    </message>
    <message>
        <source>The key file %1 is damaged: it is far too large to hold a key.</source>
        <translation>El archivo de clave %1 está dañado: es demasiado grande para contener una clave.</translation>
    </message>
    <message>
        <source>The key file %1 is damaged: it holds neither a key nor a keychain reference, so stored secrets cannot be decrypted.</source>
        <translation>El archivo de clave %1 está dañado: no contiene ni una clave ni una referencia al llavero, así que no se pueden descifrar los secretos guardados.</translation>
    </message>
    <message>
        <source>The key file %1 is damaged: its key is not %2 bytes of base64.</source>
        <translation>El archivo de clave %1 está dañado: su clave no son %2 bytes en base64.</translation>
    </message>
    <message>
        <source>The key file %1 says the master key is in the system keychain, which is not available here (no desktop session, or SWITCHBOARD_KEYCHAIN=0); run Switchboard in the desktop session that created this data folder.</source>
        <translation>El archivo de clave %1 indica que la clave maestra está en el llavero del sistema, que no está disponible aquí (sin sesión de escritorio, o SWITCHBOARD_KEYCHAIN=0); ejecute Switchboard en la sesión de escritorio que creó esta carpeta de datos.</translation>
    </message>
    <message>
        <source>Cannot read the master key that %1 places in the system keychain: %2.</source>
        <translation>No se puede leer la clave maestra que %1 sitúa en el llavero del sistema: %2.</translation>
    </message>
    <message>
        <source>The system keychain entry &quot;%1&quot; named by %2 does not hold a valid key.</source>
        <translation>La entrada del llavero del sistema «%1» indicada por %2 no contiene una clave válida.</translation>
    </message>
    <message>
        <source>Cannot create the master key for %1: the system has no source of secure random numbers.</source>
        <translation>No se puede crear la clave maestra para %1: el sistema no tiene una fuente de números aleatorios seguros.</translation>
    </message>
    <message>
        <source>Cannot create the key file %1: %2.</source>
        <translation>No se puede crear el archivo de clave %1: %2.</translation>
    </message>
</context>
<context>
    <name>MergeCustomersDialog</name>
    <message>
        <source>Merge duplicate customers</source>
        <translation>Fusionar clientes duplicados</translation>
    </message>
    <message>
        <source>Pick the customer who is the same person as %1. Their bookings and calls come together on the one you keep, and the other is deleted.</source>
        <translation>Elija el cliente que es la misma persona que %1. Las citas y llamadas de ambos pasan al que conserve, y el otro se elimina.</translation>
    </message>
    <message>
        <source>Search by name or phone number</source>
        <translation>Buscar por nombre o número de teléfono</translation>
    </message>
    <message>
        <source>&amp;Find:</source>
        <translation>&amp;Buscar:</translation>
    </message>
    <message>
        <source>Keep:</source>
        <translation>Conservar:</translation>
    </message>
    <message>
        <source>Afterwards:</source>
        <translation>Después:</translation>
    </message>
    <message>
        <source>&amp;Merge…</source>
        <translation>&amp;Fusionar…</translation>
    </message>
    <message>
        <source>(no name)</source>
        <translation>(sin nombre)</translation>
    </message>
    <message>
        <source>%1 (no phone number)</source>
        <translation>%1 (sin número de teléfono)</translation>
    </message>
    <message>
        <source>%1, %2</source>
        <translation>%1, %2</translation>
    </message>
    <message numerus="yes">
        <source>This entry: %1 (%n booking(s))</source>
        <translation>
            <numerusform>Esta ficha: %1 (%n cita)</numerusform>
            <numerusform>Esta ficha: %1 (%n citas)</numerusform>
        </translation>
    </message>
    <message>
        <source>The other entry, picked above</source>
        <translation>La otra ficha, elegida arriba</translation>
    </message>
    <message>
        <source>Pick the duplicate in the list above.</source>
        <translation>Elija el duplicado en la lista de arriba.</translation>
    </message>
    <message numerus="yes">
        <source>The other entry: %1 (%n booking(s))</source>
        <translation>
            <numerusform>La otra ficha: %1 (%n cita)</numerusform>
            <numerusform>La otra ficha: %1 (%n citas)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n booking(s)</source>
        <translation>
            <numerusform>%n cita</numerusform>
            <numerusform>%n citas</numerusform>
        </translation>
    </message>
    <message>
        <source>Calls from %1 will no longer be matched to this customer.</source>
        <translation>Las llamadas de %1 ya no se asociarán a este cliente.</translation>
    </message>
    <message>
        <source>Merge customers</source>
        <translation>Fusionar clientes</translation>
    </message>
    <message>
        <source>Keep %1 and merge the other into it?</source>
        <translation>¿Conservar a %1 y fusionar la otra ficha en esta?</translation>
    </message>
    <message numerus="yes">
        <source>%n booking(s) move over from the other, which is then deleted. Calls stay in the call log. This cannot be undone.</source>
        <translation>
            <numerusform>%n cita pasa de la otra ficha, que después se elimina. Las llamadas se quedan en el registro de llamadas. No se puede deshacer.</numerusform>
            <numerusform>%n citas pasan de la otra ficha, que después se elimina. Las llamadas se quedan en el registro de llamadas. No se puede deshacer.</numerusform>
        </translation>
    </message>
    <message>
        <source>Merge</source>
        <translation>Fusionar</translation>
    </message>
    <message>
        <source>Don&apos;t merge</source>
        <translation>No fusionar</translation>
    </message>
    <message>
        <source>The customers were not merged, and nothing was changed: %1</source>
        <translation>No se han fusionado los clientes y no se ha cambiado nada: %1</translation>
    </message>
</context>
<context>
    <name>MessageEditor</name>
    <message>
        <source>Say</source>
        <translation>Decir</translation>
    </message>
    <message>
        <source>Play recording</source>
        <translation>Reproducir grabación</translation>
    </message>
    <message>
        <source>Say a text or play a recording</source>
        <translation>Decir un texto o reproducir una grabación</translation>
    </message>
    <message>
        <source>Default voice</source>
        <translation>Voz predeterminada</translation>
    </message>
    <message>
        <source>A Twilio voice such as Polly.Joanna; empty for the default voice.</source>
        <translation>Una voz de Twilio como Polly.Joanna; vacío para la voz predeterminada.</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Idioma</translation>
    </message>
    <message>
        <source>The language the text is read in, such as en-US; empty for the default.</source>
        <translation>El idioma en que se lee el texto, como en-US; vacío para el predeterminado.</translation>
    </message>
    <message>
        <source>An https address of an MP3 or WAV file that Twilio can fetch.</source>
        <translation>Una dirección https de un archivo MP3 o WAV que Twilio pueda descargar.</translation>
    </message>
</context>
<context>
    <name>MonitorCommand</name>
    <message>
        <source>Withheld number</source>
        <translation>Número oculto</translation>
    </message>
    <message>
        <source>ringing %1</source>
        <translation>sonando para %1</translation>
    </message>
    <message>
        <source>ringing the fallback number</source>
        <translation>sonando en el número de respaldo</translation>
    </message>
    <message>
        <source>ringing</source>
        <translation>sonando</translation>
    </message>
    <message>
        <source>talking with %1</source>
        <translation>hablando con %1</translation>
    </message>
    <message>
        <source>talking with the fallback number</source>
        <translation>hablando con el número de respaldo</translation>
    </message>
    <message>
        <source>answered</source>
        <translation>atendida</translation>
    </message>
    <message>
        <source>with the AI agent</source>
        <translation>con el agente de IA</translation>
    </message>
    <message>
        <source>in the menu</source>
        <translation>en el menú</translation>
    </message>
    <message>
        <source>leaving a voicemail</source>
        <translation>dejando un mensaje de voz</translation>
    </message>
    <message>
        <source>hearing the closing message</source>
        <translation>escuchando el mensaje de cierre</translation>
    </message>
    <message>
        <source>ended: %1, %2</source>
        <translation>terminada: %1, %2</translation>
    </message>
    <message>
        <source>ended: %1</source>
        <translation>terminada: %1</translation>
    </message>
    <message>
        <source>new call</source>
        <translation>llamada nueva</translation>
    </message>
    <message>
        <source>taken by the AI agent</source>
        <translation>atendida por el agente de IA</translation>
    </message>
    <message>
        <source>voicemail left</source>
        <translation>mensaje de voz dejado</translation>
    </message>
    <message>
        <source>missed</source>
        <translation>perdida</translation>
    </message>
    <message>
        <source>blocked</source>
        <translation>bloqueada</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>fallida</translation>
    </message>
    <message>
        <source>over</source>
        <translation>terminada</translation>
    </message>
    <message>
        <source>The other Switchboard&apos;s feed.listen address.</source>
        <translation>La dirección feed.listen del otro Switchboard.</translation>
    </message>
    <message>
        <source>Its feed.view_token or feed.control_token.</source>
        <translation>Su feed.view_token o feed.control_token.</translation>
    </message>
    <message>
        <source>Every message as one JSON line.</source>
        <translation>Cada mensaje como una línea JSON.</translation>
    </message>
    <message>
        <source>Accept the router&apos;s self-signed certificate with this fingerprint.</source>
        <translation>Aceptar el certificado autofirmado del enrutador con esta huella.</translation>
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
        <translation>Uso: switchboard monitor URL --token TOKEN [--json] [--certificate-sha256 HUELLA]
Sigue las llamadas en curso de otro Switchboard hasta SIGINT o SIGTERM: una línea por cada cambio de
una llamada, y una línea cuando la conexión se establece, se corta o se restablece (vuelve sola,
esperando hasta 30 s entre intentos). URL es el feed.listen del otro enrutador: ws://HOST:PUERTO o
wss://HOST:PUERTO (también sirven http:// y https://; un HOST:PUERTO solo es ws://).
  --token TOKEN      el feed.view_token (o feed.control_token) del enrutador; o la variable de
                     entorno SWITCHBOARD_FEED_TOKEN, que otros usuarios no pueden leer en la línea
                     de órdenes
  --json             cada mensaje recibido como una línea JSON (JSON Lines) en la salida estándar;
                     lo que pasa con la conexión va a la salida de errores
  --certificate-sha256 HUELLA
                     aceptar el certificado autofirmado de un enrutador wss:// con esta huella
                     SHA-256 (se muestra cuando se rechaza)
Los números se muestran como los escribe la carpeta de datos de este equipo (routing.default_region;
US si no hay). Termina con 0 al detenerse, 1 si se rechaza el token y 2 si el uso es incorrecto.
</translation>
    </message>
    <message>
        <source>monitor needs the other router&apos;s address, and nothing else.</source>
        <translation>monitor necesita la dirección del otro enrutador, y nada más.</translation>
    </message>
    <message>
        <source>monitor needs the router&apos;s token: --token TOKEN, or the environment variable SWITCHBOARD_FEED_TOKEN.</source>
        <translation>monitor necesita el token del enrutador: --token TOKEN o la variable de entorno SWITCHBOARD_FEED_TOKEN.</translation>
    </message>
    <message>
        <source>--certificate-sha256: &quot;%1&quot; is not a SHA-256 fingerprint (32 pairs of hex digits, as in 3A:F0:…).</source>
        <translation>--certificate-sha256: «%1» no es una huella SHA-256 (32 pares de dígitos hexadecimales, como en 3A:F0:…).</translation>
    </message>
    <message>
        <source>Cannot install the signal handlers.</source>
        <translation>No se pueden instalar los manejadores de señales.</translation>
    </message>
    <message>
        <source>Connected again to %1.</source>
        <translation>Conectado de nuevo a %1.</translation>
    </message>
    <message>
        <source>Some changes did not arrive; asking for the whole picture again.</source>
        <translation>Algunos cambios no llegaron; se pide de nuevo el panorama completo.</translation>
    </message>
    <message>
        <source>Call-back to %1</source>
        <translation>Devolución de llamada a %1</translation>
    </message>
</context>
<context>
    <name>NumbersPage</name>
    <message>
        <source>The numbers to answer</source>
        <translation>Los números que se atienden</translation>
    </message>
    <message>
        <source>Switchboard answers only the numbers you tick here; calls to your other numbers stay as they are.</source>
        <translation>Switchboard solo atiende los números que marque aquí; las llamadas a sus otros números siguen como están.</translation>
    </message>
    <message>
        <source>Load again</source>
        <translation>Volver a cargar</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>Número</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>Type a Twilio number, e.g. +1 555 765 4321</source>
        <translation>Escriba un número de Twilio, p. ej. +1 555 765 4321</translation>
    </message>
    <message>
        <source>Twilio number</source>
        <translation>Número de Twilio</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>Añadir</translation>
    </message>
    <message>
        <source>The Twilio account is not complete: go back and enter its SID and auth token.</source>
        <translation>La cuenta de Twilio no está completa: vuelva atrás y escriba su SID y su auth token.</translation>
    </message>
    <message>
        <source>Asking Twilio for your numbers…</source>
        <translation>Pidiendo sus números a Twilio…</translation>
    </message>
    <message>
        <source>Twilio did not give the list: %1 Go back to check the account, or type your Twilio number below.</source>
        <translation>Twilio no ha dado la lista: %1 Vuelva atrás para comprobar la cuenta, o escriba su número de Twilio abajo.</translation>
    </message>
    <message>
        <source>This Twilio account has no phone numbers yet. Buy one in the Twilio console, then press Load again.</source>
        <translation>Esta cuenta de Twilio aún no tiene números de teléfono. Compre uno en la consola de Twilio y pulse «Volver a cargar».</translation>
    </message>
    <message numerus="yes">
        <source>Your Twilio account has %n number(s). Tick the ones Switchboard should answer.</source>
        <translation>
            <numerusform>Su cuenta de Twilio tiene %n número. Márquelo si Switchboard debe atenderlo.</numerusform>
            <numerusform>Su cuenta de Twilio tiene %n números. Marque los que Switchboard debe atender.</numerusform>
        </translation>
    </message>
    <message>
        <source>typed in</source>
        <translation>escrito a mano</translation>
    </message>
</context>
<context>
    <name>OwnerOnly</name>
    <message>
        <source>Cannot make the folder %1 private to its owner: %2.</source>
        <translation>No se puede hacer que la carpeta %1 sea accesible solo para su propietario: %2.</translation>
    </message>
    <message>
        <source>Cannot make %1 private to its owner as a file: it is a folder.</source>
        <translation>No se puede hacer que %1 sea accesible solo para su propietario como archivo: es una carpeta.</translation>
    </message>
    <message>
        <source>Cannot make the file %1 private to its owner: %2.</source>
        <translation>No se puede hacer que el archivo %1 sea accesible solo para su propietario: %2.</translation>
    </message>
</context>
<context>
    <name>PhoneNormalizer</name>
    <message>
        <source>No phone number was given.</source>
        <translation>No se indicó ningún número de teléfono.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is a withheld caller ID, not a phone number.</source>
        <translation>«%1» es un identificador de llamada oculto, no un número de teléfono.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; does not start with a known country code.</source>
        <translation>«%1» no empieza por un prefijo de país conocido.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; has no country code, and the default region &quot;%2&quot; is not a known region.</source>
        <translation>«%1» no tiene prefijo de país, y la región predeterminada «%2» no es una región conocida.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is too short to be a phone number.</source>
        <translation>«%1» es demasiado corto para ser un número de teléfono.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is too long to be a phone number.</source>
        <translation>«%1» es demasiado largo para ser un número de teléfono.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a phone number.</source>
        <translation>«%1» no es un número de teléfono.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; lacks its area code.</source>
        <translation>A «%1» le falta el prefijo de zona.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; has the wrong number of digits to be a phone number.</source>
        <translation>«%1» no tiene el número de dígitos correcto para ser un número de teléfono.</translation>
    </message>
</context>
<context>
    <name>PlanCommand</name>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>No se puede leer %1: %2</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>No se puede escribir %1: %2</translation>
    </message>
    <message>
        <source>Usage: switchboard plan export FILE
       switchboard plan import FILE
The routing plan (staff, schedules, teams, caller lists, messages and the rules of each
number) as one JSON document; FILE may be - for standard output or input. An import
checks the whole document first and changes nothing when anything is wrong, naming
the JSON path at fault.
</source>
        <translation>Uso: switchboard plan export ARCHIVO
     switchboard plan import ARCHIVO
El plan de enrutamiento (personal, horarios, equipos, listas de llamantes, mensajes y las reglas
de cada número) como un único documento JSON; ARCHIVO puede ser - para la salida o entrada
estándar. Una importación comprueba primero todo el documento y no cambia nada si algo
está mal, indicando la ruta JSON que falla.
</translation>
    </message>
    <message>
        <source>standard input</source>
        <translation>entrada estándar</translation>
    </message>
    <message>
        <source>Wrote the routing plan to %1.</source>
        <translation>Se ha escrito el plan de enrutamiento en %1.</translation>
    </message>
    <message>
        <source>Wrote the built-in routing plan (booked callers to the AI agent, everyone else to the fallback number) to %1.</source>
        <translation>Se ha escrito el plan de enrutamiento integrado (llamantes con cita al agente de IA, el resto al número de respaldo) en %1.</translation>
    </message>
    <message numerus="yes">
        <source>Nothing was imported from %1: %n fault(s).</source>
        <translation>
            <numerusform>No se ha importado nada de %1: %n error.</numerusform>
            <numerusform>No se ha importado nada de %1: %n errores.</numerusform>
        </translation>
    </message>
    <message>
        <source>Imported the routing plan from %1: %2 staff, %3, %4 with %5.</source>
        <translation>Plan de enrutamiento importado de %1: %2 empleados, %3, %4 con %5.</translation>
    </message>
    <message numerus="yes">
        <source>%n team(s)</source>
        <translation>
            <numerusform>%n equipo</numerusform>
            <numerusform>%n equipos</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n plan(s)</source>
        <translation>
            <numerusform>%n plan</numerusform>
            <numerusform>%n planes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n rule(s)</source>
        <translation>
            <numerusform>%n regla</numerusform>
            <numerusform>%n reglas</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PlanDocument</name>
    <message>
        <source>unknown key (expected one of: %1)</source>
        <translation>clave desconocida (se espera una de: %1)</translation>
    </message>
    <message>
        <source>must be an object</source>
        <translation>debe ser un objeto</translation>
    </message>
    <message>
        <source>must be a list</source>
        <translation>debe ser una lista</translation>
    </message>
    <message>
        <source>is required</source>
        <translation>es obligatorio</translation>
    </message>
    <message>
        <source>must be text</source>
        <translation>debe ser texto</translation>
    </message>
    <message>
        <source>must not be empty</source>
        <translation>no debe estar vacío</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a usable id (letters, digits, _ - . and at most %2 characters)</source>
        <translation>«%1» no es un id válido (letras, dígitos, _ - . y como máximo %2 caracteres)</translation>
    </message>
    <message>
        <source>must be a whole number from %1 to %2</source>
        <translation>debe ser un número entero de %1 a %2</translation>
    </message>
    <message>
        <source>must be true or false</source>
        <translation>debe ser true o false</translation>
    </message>
    <message>
        <source>must be a list of numbers or prefixes</source>
        <translation>debe ser una lista de números o prefijos</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not an http or https address</source>
        <translation>«%1» no es una dirección http o https</translation>
    </message>
    <message>
        <source>needs either &quot;say&quot; (text to read) or &quot;play&quot; (an audio address), not both</source>
        <translation>necesita &quot;say&quot; (texto que leer) o &quot;play&quot; (una dirección de audio), no ambos</translation>
    </message>
    <message>
        <source>&quot;voice&quot; and &quot;language&quot; only apply to &quot;say&quot;</source>
        <translation>&quot;voice&quot; y &quot;language&quot; solo se aplican a &quot;say&quot;</translation>
    </message>
    <message>
        <source>is longer than %1 characters</source>
        <translation>tiene más de %1 caracteres</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a time of day such as 08:30</source>
        <translation>«%1» no es una hora del día como 08:30</translation>
    </message>
    <message>
        <source>needs at least one day (mon … sun)</source>
        <translation>necesita al menos un día (mon … sun)</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a day (mon, tue, wed, thu, fri, sat, sun)</source>
        <translation>«%1» no es un día (mon, tue, wed, thu, fri, sat, sun)</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a date such as 2026-12-25</source>
        <translation>«%1» no es una fecha como 2026-12-25</translation>
    </message>
    <message>
        <source>needs at least one tier of staff ids, e.g. [[&quot;alice&quot;, &quot;bob&quot;]]</source>
        <translation>necesita al menos un nivel de ids del personal, p. ej. [[&quot;alice&quot;, &quot;bob&quot;]]</translation>
    </message>
    <message>
        <source>must be a list of one or more staff ids</source>
        <translation>debe ser una lista de uno o más ids del personal</translation>
    </message>
    <message>
        <source>must be &quot;one_by_one&quot; or &quot;all_at_once&quot;</source>
        <translation>debe ser &quot;one_by_one&quot; o &quot;all_at_once&quot;</translation>
    </message>
    <message>
        <source>needs at least one number</source>
        <translation>necesita al menos un número</translation>
    </message>
    <message>
        <source>actions are nested more than %1 deep</source>
        <translation>las acciones están anidadas a más de %1 niveles</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not an action (ai_agent, team, staff, number, assigned_staff, number_owner, menu, voicemail, message, reject)</source>
        <translation>«%1» no es una acción (ai_agent, team, staff, number, assigned_staff, number_owner, menu, voicemail, message, reject)</translation>
    </message>
    <message>
        <source>needs at least one key, e.g. {&quot;1&quot;: {&quot;do&quot;: &quot;team&quot;, …}}</source>
        <translation>necesita al menos una tecla, p. ej. {&quot;1&quot;: {&quot;do&quot;: &quot;team&quot;, …}}</translation>
    </message>
    <message>
        <source>a menu key must be one digit from 0 to 9</source>
        <translation>una tecla de menú debe ser un dígito de 0 a 9</translation>
    </message>
    <message>
        <source>only an action that tries to reach someone can have &quot;otherwise&quot;</source>
        <translation>solo una acción que intenta localizar a alguien puede tener &quot;otherwise&quot;</translation>
    </message>
    <message>
        <source>no team &quot;%1&quot;</source>
        <translation>no hay ningún equipo «%1»</translation>
    </message>
    <message>
        <source>no staff member &quot;%1&quot;</source>
        <translation>no hay nadie del personal «%1»</translation>
    </message>
    <message>
        <source>another %1 already has the id &quot;%2&quot;</source>
        <translation>otro elemento (%1) ya tiene el id «%2»</translation>
    </message>
    <message>
        <source>line %1, column %2</source>
        <translation>línea %1, columna %2</translation>
    </message>
    <message>
        <source>not valid JSON at %1: %2</source>
        <translation>JSON no válido en %1: %2</translation>
    </message>
    <message>
        <source>the document must be a JSON object ({ &quot;version&quot;: 1, … })</source>
        <translation>el documento debe ser un objeto JSON ({ &quot;version&quot;: 1, … })</translation>
    </message>
    <message>
        <source>is required (this Switchboard reads version %1)</source>
        <translation>es obligatorio (este Switchboard lee la versión %1)</translation>
    </message>
    <message>
        <source>this Switchboard reads version %1 of the plan document</source>
        <translation>este Switchboard lee la versión %1 del documento del plan</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a time zone such as America/New_York</source>
        <translation>«%1» no es una zona horaria como America/New_York</translation>
    </message>
    <message>
        <source>schedule</source>
        <translation>horario</translation>
    </message>
    <message>
        <source>no schedule &quot;%1&quot;</source>
        <translation>no hay ningún horario «%1»</translation>
    </message>
    <message>
        <source>%1 already belongs to %2</source>
        <translation>%1 ya pertenece a %2</translation>
    </message>
    <message>
        <source>staff member</source>
        <translation>persona del personal</translation>
    </message>
    <message>
        <source>team</source>
        <translation>equipo</translation>
    </message>
    <message>
        <source>needs at least one number, or &quot;default&quot; for all others</source>
        <translation>necesita al menos un número, o &quot;default&quot; para todos los demás</translation>
    </message>
    <message>
        <source>%1 already has a plan (%2)</source>
        <translation>%1 ya tiene un plan (%2)</translation>
    </message>
    <message>
        <source>Rule %1</source>
        <translation>Regla %1</translation>
    </message>
    <message>
        <source>no list &quot;%1&quot;</source>
        <translation>no hay ninguna lista «%1»</translation>
    </message>
    <message>
        <source>is required: what happens to a call this rule matches</source>
        <translation>es obligatorio: qué ocurre con una llamada a la que se aplica esta regla</translation>
    </message>
    <message>
        <source>Booked callers</source>
        <translation>Llamantes con cita</translation>
    </message>
    <message>
        <source>Everyone else</source>
        <translation>Todos los demás</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is already in this tier</source>
        <translation>«%1» ya está en este nivel</translation>
    </message>
</context>
<context>
    <name>PlanEditing</name>
    <message>
        <source>Still in use</source>
        <translation>Todavía en uso</translation>
    </message>
    <message>
        <source>%1 cannot be removed yet.</source>
        <translation>Todavía no se puede quitar %1.</translation>
    </message>
    <message>
        <source>It is still used in:
%1

Take it out of these first; nothing was changed.</source>
        <translation>Todavía se usa en:
%1

Quite primero esas referencias; no se ha cambiado nada.</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Quitar</translation>
    </message>
    <message>
        <source>Remove %1?</source>
        <translation>¿Quitar %1?</translation>
    </message>
    <message>
        <source>Keep</source>
        <translation>Mantener</translation>
    </message>
</context>
<context>
    <name>PlanReferences</name>
    <message>
        <source>rule &quot;%1&quot; of plan %2</source>
        <translation>regla «%1» del plan %2</translation>
    </message>
    <message>
        <source>rule &quot;%1&quot;</source>
        <translation>regla «%1»</translation>
    </message>
    <message>
        <source>team &quot;%1&quot;, tier %2</source>
        <translation>equipo «%1», nivel %2</translation>
    </message>
    <message>
        <source>on-call hours of %1</source>
        <translation>horario de guardia de %1</translation>
    </message>
</context>
<context>
    <name>PlanSaveBar</name>
    <message>
        <source>Save plan</source>
        <translation>Guardar el plan</translation>
    </message>
    <message>
        <source>Discard changes</source>
        <translation>Descartar los cambios</translation>
    </message>
    <message>
        <source>Calls follow the saved plan from the next call on.</source>
        <translation>Las llamadas siguen el plan guardado a partir de la próxima llamada.</translation>
    </message>
    <message>
        <source>The saved plan cannot be read (%1). This is the built-in plan; save it to route by it again.</source>
        <translation>No se puede leer el plan guardado (%1). Este es el plan integrado; guárdelo para volver a enrutar las llamadas según él.</translation>
    </message>
    <message numerus="yes">
        <source>%n problem(s) to fix before the plan can be saved; they are marked in red.</source>
        <translation>
            <numerusform>Hay que corregir %n problema antes de poder guardar el plan; está marcado en rojo.</numerusform>
            <numerusform>Hay que corregir %n problemas antes de poder guardar el plan; están marcados en rojo.</numerusform>
        </translation>
    </message>
    <message>
        <source>Unsaved changes. Calls follow the saved plan until you save.</source>
        <translation>Cambios sin guardar. Las llamadas siguen el plan guardado hasta que usted guarde.</translation>
    </message>
    <message>
        <source>The built-in plan: callers with a booking go to the AI agent, everyone else to the fallback number. Change it here to make it your own.</source>
        <translation>El plan integrado: los llamantes con cita van al agente de IA y todos los demás, al número de respaldo. Cámbielo aquí para que sea el suyo.</translation>
    </message>
    <message>
        <source>Saved. Calls follow this plan.</source>
        <translation>Guardado. Las llamadas siguen este plan.</translation>
    </message>
    <message>
        <source>Discard every unsaved change to the routing plan, staff and schedules?</source>
        <translation>¿Descartar todos los cambios sin guardar del plan de enrutamiento, el personal y los horarios?</translation>
    </message>
</context>
<context>
    <name>PublicAddress</name>
    <message>
        <source>it is this computer&apos;s loopback address, which only this computer can reach</source>
        <translation>es la dirección loopback de este equipo, que solo este equipo alcanza</translation>
    </message>
    <message>
        <source>it is not the address of any one computer</source>
        <translation>no es la dirección de ningún equipo concreto</translation>
    </message>
    <message>
        <source>it is a private address, which only the office network can reach</source>
        <translation>es una dirección privada, que solo alcanza la red de la oficina</translation>
    </message>
    <message>
        <source>it is an address behind the internet provider&apos;s shared NAT, which the internet cannot reach</source>
        <translation>es una dirección tras el NAT compartido del proveedor de internet, inalcanzable desde internet</translation>
    </message>
    <message>
        <source>it names this computer, which only this computer can reach</source>
        <translation>nombra a este equipo, que solo este equipo alcanza</translation>
    </message>
    <message>
        <source>it is a name only the office network knows</source>
        <translation>es un nombre que solo conoce la red de la oficina</translation>
    </message>
    <message>
        <source>no answer from the name server within %1 s</source>
        <translation>sin respuesta del servidor de nombres en %1 s</translation>
    </message>
</context>
<context>
    <name>RecordingDownloader</name>
    <message>
        <source>Could not create the folder %1 for the recording %2.</source>
        <translation>No se pudo crear la carpeta %1 para la grabación %2.</translation>
    </message>
    <message>
        <source>Could not save the recording %1 to %2: %3.</source>
        <translation>No se pudo guardar la grabación %1 en %2: %3.</translation>
    </message>
    <message>
        <source>The storage server %1 answered %2 for the recording %3.</source>
        <translation>El servidor de almacenamiento %1 respondió %2 para la grabación %3.</translation>
    </message>
    <message>
        <source>Twilio refused the account SID and auth token (HTTP %1) for the recording %2.</source>
        <translation>Twilio rechazó el Account SID y el auth token (HTTP %1) para la grabación %2.</translation>
    </message>
    <message>
        <source>Twilio answered %1 for the recording %2.</source>
        <translation>Twilio respondió %1 para la grabación %2.</translation>
    </message>
    <message>
        <source>Could not download the recording %1: the connection to %2 was refused.</source>
        <translation>No se pudo descargar la grabación %1: se rechazó la conexión con %2.</translation>
    </message>
    <message>
        <source>Could not download the recording %1: the host %2 was not found.</source>
        <translation>No se pudo descargar la grabación %1: no se encontró el host %2.</translation>
    </message>
    <message>
        <source>Could not download the recording %1: %2 closed the connection before the download was complete.</source>
        <translation>No se pudo descargar la grabación %1: %2 cerró la conexión antes de completar la descarga.</translation>
    </message>
    <message>
        <source>Could not download the recording %1: %2.</source>
        <translation>No se pudo descargar la grabación %1: %2.</translation>
    </message>
    <message>
        <source>The recording cannot be downloaded because the network access has been shut down.</source>
        <translation>No se puede descargar la grabación porque el acceso a la red se ha cerrado.</translation>
    </message>
    <message>
        <source>The recording URL %1 is not a valid http or https URL.</source>
        <translation>La URL de la grabación %1 no es una URL http o https válida.</translation>
    </message>
    <message>
        <source>The Twilio account SID or auth token is missing or contains characters that cannot be sent.</source>
        <translation>Falta el Account SID o el auth token de Twilio, o contiene caracteres que no se pueden enviar.</translation>
    </message>
    <message>
        <source>No file was given to save the recording %1 to.</source>
        <translation>No se indicó ningún archivo donde guardar la grabación %1.</translation>
    </message>
    <message>
        <source>The recording %1 was redirected more than %2 times, so it was not downloaded.</source>
        <translation>La grabación %1 se redirigió más de %2 veces, así que no se descargó.</translation>
    </message>
    <message>
        <source>The recording %1 was redirected to an address that is not a valid http or https URL.</source>
        <translation>La grabación %1 se redirigió a una dirección que no es una URL http o https válida.</translation>
    </message>
    <message>
        <source>The recording %1 was redirected from https to unencrypted http (%2), which is refused.</source>
        <translation>La grabación %1 se redirigió de https a http sin cifrar (%2), lo cual se rechaza.</translation>
    </message>
    <message>
        <source>The recording %1 was answered with an empty file.</source>
        <translation>La grabación %1 se recibió como un archivo vacío.</translation>
    </message>
    <message>
        <source>The recording %1 was not downloaded within %2 ms.</source>
        <translation>La grabación %1 no se descargó en %2 ms.</translation>
    </message>
    <message>
        <source>The recording %1 is larger than %2 MiB, so it was not saved.</source>
        <translation>La grabación %1 ocupa más de %2 MiB, así que no se guardó.</translation>
    </message>
    <message>
        <source>The recording URL %1 is not at Twilio, so it is not fetched.</source>
        <translation>La URL de la grabación %1 no está en Twilio, así que no se descarga.</translation>
    </message>
</context>
<context>
    <name>RecordingStore</name>
    <message>
        <source>A recording needs the sid of its call and its own recording sid.</source>
        <translation>Una grabación necesita el sid de su llamada y su propio sid de grabación.</translation>
    </message>
    <message>
        <source>There is no recording %1 yet; save the recording first.</source>
        <translation>Aún no existe la grabación %1; guarde primero la grabación.</translation>
    </message>
</context>
<context>
    <name>RemoteCallLogPanel</name>
    <message>
        <source>No calls match these filters.</source>
        <translation>Ninguna llamada coincide con estos filtros.</translation>
    </message>
    <message>
        <source>Load &amp;more calls</source>
        <translation>Cargar &amp;más llamadas</translation>
    </message>
    <message>
        <source>Call logs</source>
        <translation>Registros de llamadas</translation>
    </message>
    <message>
        <source>Caller&apos;s number or name…</source>
        <translation>Número o nombre de quien llama…</translation>
    </message>
    <message>
        <source>Caller</source>
        <translation>Quien llama</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Resultado</translation>
    </message>
    <message>
        <source>All outcomes</source>
        <translation>Todos los resultados</translation>
    </message>
    <message>
        <source>Call back…</source>
        <translation>Devolver la llamada…</translation>
    </message>
    <message>
        <source>Select a call to see its timeline.</source>
        <translation>Seleccione una llamada para ver su cronología.</translation>
    </message>
    <message>
        <source>The newest %L1 calls</source>
        <translation>Las %L1 llamadas más recientes</translation>
    </message>
    <message>
        <source>1 call</source>
        <translation>1 llamada</translation>
    </message>
    <message>
        <source>%L1 calls</source>
        <translation>%L1 llamadas</translation>
    </message>
    <message>
        <source>This caller&apos;s number was withheld.</source>
        <translation>El número de quien llamó estaba oculto.</translation>
    </message>
    <message>
        <source>Ring a phone of the practice first, then this caller.</source>
        <translation>Llamar primero a un teléfono de la consulta y después a quien llamó.</translation>
    </message>
    <message>
        <source>Voicemail of %1, kept on the other computer.</source>
        <translation>Mensaje de voz de %1, guardado en el otro ordenador.</translation>
    </message>
    <message>
        <source>Voicemail, kept on the other computer.</source>
        <translation>Mensaje de voz, guardado en el otro ordenador.</translation>
    </message>
</context>
<context>
    <name>RemoteSeatDialog</name>
    <message>
        <source>&amp;Forget</source>
        <translation>&amp;Olvidar</translation>
    </message>
    <message>
        <source>Connect to another Switchboard</source>
        <translation>Conectar con otro Switchboard</translation>
    </message>
    <message>
        <source>Watch the calls of the Switchboard on another computer from here. Its Setup panel shows, under &quot;Other seats&quot;, the seat address and two tokens: the token to watch, or the token to act for a seat that may also act on calls.</source>
        <translation>Vea desde aquí las llamadas del Switchboard de otro ordenador. Su panel de configuración muestra, en «Otros puestos», la dirección del puesto y dos tokens: el token para observar, o el token para actuar si el puesto también puede actuar sobre las llamadas.</translation>
    </message>
    <message>
        <source>192.168.1.20:8081</source>
        <translation>192.168.1.20:8081</translation>
    </message>
    <message>
        <source>Reception 2</source>
        <translation>Recepción 2</translation>
    </message>
    <message>
        <source>The other Switchboard writes this name on a call&apos;s timeline when this seat acts on it.</source>
        <translation>El otro Switchboard escribe este nombre en la cronología de una llamada cuando este puesto actúa sobre ella.</translation>
    </message>
    <message>
        <source>&amp;Address:</source>
        <translation>&amp;Dirección:</translation>
    </message>
    <message>
        <source>&amp;Token:</source>
        <translation>&amp;Token:</translation>
    </message>
    <message>
        <source>&amp;This seat&apos;s name:</source>
        <translation>&amp;Nombre de este puesto:</translation>
    </message>
    <message>
        <source>&amp;Connect</source>
        <translation>&amp;Conectar</translation>
    </message>
    <message>
        <source>Remove the address, the token and the seat&apos;s name from this computer.</source>
        <translation>Quitar de este ordenador la dirección, el token y el nombre del puesto.</translation>
    </message>
    <message>
        <source>Its certificate is trusted (SHA-256 %1…%2).</source>
        <translation>Su certificado es de confianza (SHA-256 %1…%2).</translation>
    </message>
    <message>
        <source>Give this seat a name, such as &quot;Reception 2&quot;: the other Switchboard shows it when this seat acts on a call.</source>
        <translation>Dé un nombre a este puesto, como «Recepción 2»: el otro Switchboard lo muestra cuando este puesto actúa sobre una llamada.</translation>
    </message>
</context>
<context>
    <name>RemoteSeatMemory</name>
    <message>
        <source>The remembered token cannot be read any more (%1); paste it again.</source>
        <translation>El token guardado ya no se puede leer (%1); péguelo de nuevo.</translation>
    </message>
    <message>
        <source>The token cannot be kept safely on this computer, so nothing was remembered.</source>
        <translation>El token no se puede guardar de forma segura en este ordenador, así que no se guardó nada.</translation>
    </message>
</context>
<context>
    <name>RemoteSeatWindow</name>
    <message>
        <source>Sections</source>
        <translation>Secciones</translation>
    </message>
    <message>
        <source>Live calls</source>
        <translation>Llamadas en curso</translation>
    </message>
    <message>
        <source>Call logs</source>
        <translation>Registros de llamadas</translation>
    </message>
    <message>
        <source>Statistics</source>
        <translation>Estadísticas</translation>
    </message>
    <message>
        <source>Watching only</source>
        <translation>Solo observar</translation>
    </message>
    <message>
        <source>%1 — Switchboard</source>
        <translation>%1 — Switchboard</translation>
    </message>
    <message>
        <source>● Connected to %1</source>
        <translation>● Conectado a %1</translation>
    </message>
    <message>
        <source>Cut off from %1 — trying again now…</source>
        <translation>Desconectado de %1 — intentándolo de nuevo…</translation>
    </message>
    <message>
        <source>Connecting to %1…</source>
        <translation>Conectando con %1…</translation>
    </message>
    <message>
        <source>● Connecting…</source>
        <translation>● Conectando…</translation>
    </message>
    <message>
        <source>● Cut off</source>
        <translation>● Desconectado</translation>
    </message>
    <message>
        <source>The token was refused: ask for a new one.</source>
        <translation>El token fue rechazado: pida uno nuevo.</translation>
    </message>
    <message>
        <source>● Not connected</source>
        <translation>● Sin conexión</translation>
    </message>
    <message numerus="yes">
        <source>Cut off from %1 — trying again in %n s</source>
        <translation>
            <numerusform>Desconectado de %1 — nuevo intento en %n s</numerusform>
            <numerusform>Desconectado de %1 — nuevo intento en %n s</numerusform>
        </translation>
    </message>
    <message>
        <source>The certificate of %1 is not trusted. Trust it only if this fingerprint is the one that computer shows for its certificate:</source>
        <translation>El certificado de %1 no es de confianza. Confíe en él solo si esta huella es la que ese ordenador muestra para su certificado:</translation>
    </message>
    <message>
        <source>May act on calls as “%1”</source>
        <translation>Puede actuar sobre las llamadas como «%1»</translation>
    </message>
    <message>
        <source>Starting the call-back…</source>
        <translation>Empezando la devolución de llamada…</translation>
    </message>
    <message>
        <source>Ringing your phone…</source>
        <translation>Sonando su teléfono…</translation>
    </message>
    <message>
        <source>The call-back did not start: %1</source>
        <translation>La devolución de llamada no empezó: %1</translation>
    </message>
    <message>
        <source>This seat may only watch: its token does not let it act on calls.</source>
        <translation>Este puesto solo puede observar: su token no le permite actuar sobre las llamadas.</translation>
    </message>
</context>
<context>
    <name>RetellClient</name>
    <message>
        <source>Retell cannot be reached because the network access has been shut down.</source>
        <translation>No se puede llegar a Retell porque el acceso a la red se ha cerrado.</translation>
    </message>
    <message>
        <source>The Retell API address is not a valid http or https URL.</source>
        <translation>La dirección de la API de Retell no es una URL http o https válida.</translation>
    </message>
    <message>
        <source>The Retell API key is missing or contains characters that cannot be sent.</source>
        <translation>Falta la clave de API de Retell o contiene caracteres que no se pueden enviar.</translation>
    </message>
    <message>
        <source>No Retell agent is configured for this number.</source>
        <translation>No hay ningún agente de Retell configurado para este número.</translation>
    </message>
    <message>
        <source>The called number is missing, so the call cannot be registered with Retell.</source>
        <translation>Falta el número llamado, así que la llamada no se puede registrar en Retell.</translation>
    </message>
    <message>
        <source>Retell did not answer within %1 ms.</source>
        <translation>Retell no respondió en %1 ms.</translation>
    </message>
    <message>
        <source>Retell answered with something that is not JSON.</source>
        <translation>Retell respondió con algo que no es JSON.</translation>
    </message>
    <message>
        <source>Retell answered with JSON that is not an object.</source>
        <translation>Retell respondió con un JSON que no es un objeto.</translation>
    </message>
    <message>
        <source>Retell&apos;s answer has no call_id.</source>
        <translation>La respuesta de Retell no tiene call_id.</translation>
    </message>
    <message>
        <source>Retell&apos;s answer has a call_id that cannot be put into a SIP address.</source>
        <translation>La respuesta de Retell tiene un call_id que no se puede poner en una dirección SIP.</translation>
    </message>
    <message>
        <source>Could not connect to Retell at %1: the connection was refused.</source>
        <translation>No se pudo conectar con Retell en %1: se rechazó la conexión.</translation>
    </message>
    <message>
        <source>Could not connect to Retell: the host %1 was not found.</source>
        <translation>No se pudo conectar con Retell: no se encontró el host %1.</translation>
    </message>
    <message>
        <source>Retell at %1 closed the connection before answering.</source>
        <translation>Retell en %1 cerró la conexión antes de responder.</translation>
    </message>
    <message>
        <source>Could not reach Retell at %1: %2.</source>
        <translation>No se pudo llegar a Retell en %1: %2.</translation>
    </message>
    <message>
        <source>Retell refused the API key (HTTP %1).</source>
        <translation>Retell rechazó la clave de API (HTTP %1).</translation>
    </message>
    <message>
        <source>Retell refused the API key (HTTP %1: %2).</source>
        <translation>Retell rechazó la clave de API (HTTP %1: %2).</translation>
    </message>
    <message>
        <source>Retell answered HTTP %1.</source>
        <translation>Retell respondió HTTP %1.</translation>
    </message>
    <message>
        <source>Retell answered HTTP %1: %2.</source>
        <translation>Retell respondió HTTP %1: %2.</translation>
    </message>
    <message>
        <source>No Retell agent ID is set.</source>
        <translation>No se ha indicado ningún ID de agente de Retell.</translation>
    </message>
    <message>
        <source>Retell&apos;s answer is larger than %1 KiB, so it was not read.</source>
        <translation>La respuesta de Retell ocupa más de %1 KiB, así que no se leyó.</translation>
    </message>
    <message>
        <source>Retell has no voice agent &quot;%1&quot; on the account of this API key</source>
        <translation>Retell no tiene ningún agente de voz «%1» en la cuenta de esta clave de API</translation>
    </message>
    <message>
        <source>Retell&apos;s answer for the agent &quot;%1&quot; does not describe an agent.</source>
        <translation>La respuesta de Retell para el agente «%1» no describe un agente.</translation>
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
        <translation>Retell en %1 respondió con algo que no es HTTP.</translation>
    </message>
</context>
<context>
    <name>RouterHost</name>
    <message>
        <source>The router is not running.</source>
        <translation>El enrutador no está en marcha.</translation>
    </message>
</context>
<context>
    <name>RouterLock</name>
    <message>
        <source>Cannot create the data folder %1.</source>
        <translation>No se puede crear la carpeta de datos %1.</translation>
    </message>
    <message>
        <source>Another Switchboard (process %1) is already routing calls for the data folder %2; stop it first.</source>
        <translation>Otro Switchboard (proceso %1) ya está enrutando llamadas para la carpeta de datos %2; deténgalo primero.</translation>
    </message>
    <message>
        <source>Cannot lock the data folder %1 for the router.</source>
        <translation>No se puede bloquear la carpeta de datos %1 para el enrutador.</translation>
    </message>
</context>
<context>
    <name>RouterService</name>
    <message>
        <source>The live feed is off: set both feed.tls_cert and feed.tls_key, or neither.</source>
        <translation>La transmisión en directo está desactivada: configure feed.tls_cert y feed.tls_key, ambos o ninguno.</translation>
    </message>
</context>
<context>
    <name>RoutingOptionsEditor</name>
    <message>
        <source>Staff press &amp;1 to take a call</source>
        <translation>El personal pulsa &amp;1 para atender una llamada</translation>
    </message>
    <message>
        <source>Take a &amp;voicemail when nobody answers</source>
        <translation>Grabar un mensaje de &amp;voz si nadie contesta</translation>
    </message>
    <message>
        <source>Tra&amp;nscribe voicemails to text</source>
        <translation>&amp;Transcribir los mensajes de voz a texto</translation>
    </message>
    <message>
        <source>Nothing: the call goes straight on</source>
        <translation>Nada: la llamada sigue directamente</translation>
    </message>
    <message>
        <source>Sorry, nobody could take your call. Please try again later.</source>
        <translation>Lo sentimos, nadie ha podido atender su llamada. Por favor, inténtelo de nuevo más tarde.</translation>
    </message>
    <message>
        <source>Please leave a message after the tone.</source>
        <translation>Por favor, deje un mensaje después de la señal.</translation>
    </message>
    <message>
        <source>Call from {caller}. Press 1 to accept.</source>
        <translation>Llamada de {caller}. Pulse 1 para aceptar.</translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source>What callers hear</source>
        <translation>Lo que oyen los llamantes</translation>
    </message>
    <message>
        <source>&amp;Welcome</source>
        <translation>&amp;Bienvenida</translation>
    </message>
    <message>
        <source>Said once at the start of every call that is not turned away.</source>
        <translation>Se reproduce una vez al principio de cada llamada que no se rechaza.</translation>
    </message>
    <message>
        <source>&amp;Closing</source>
        <translation>Mensaje &amp;final</translation>
    </message>
    <message>
        <source>Said when nobody could be reached and no voicemail is taken.</source>
        <translation>Se reproduce cuando no se ha podido localizar a nadie y no se graba ningún mensaje de voz.</translation>
    </message>
    <message>
        <source>Voicemail &amp;greeting</source>
        <translation>Salu&amp;do del buzón de voz</translation>
    </message>
    <message>
        <source>When staff pick up</source>
        <translation>Cuando el personal descuelga</translation>
    </message>
    <message>
        <source>So that a personal voicemail box that picks up cannot take the caller.</source>
        <translation>Para que un buzón de voz personal que responda no pueda quedarse con la llamada.</translation>
    </message>
    <message>
        <source>&amp;Prompt</source>
        <translation>&amp;Aviso</translation>
    </message>
    <message>
        <source>{caller} becomes the caller&apos;s name when known, else their number.</source>
        <translation>{caller} se sustituye por el nombre del llamante si se conoce y, si no, por su número.</translation>
    </message>
    <message>
        <source>Ask up to</source>
        <translation>Número de intentos</translation>
    </message>
    <message>
        <source>Wait for the key</source>
        <translation>Esperar la tecla</translation>
    </message>
    <message>
        <source>Voicemail</source>
        <translation>Buzón de voz</translation>
    </message>
    <message>
        <source>Longest message</source>
        <translation>Duración máxima del mensaje</translation>
    </message>
</context>
<context>
    <name>RoutingPanel</name>
    <message>
        <source>Routing</source>
        <translation>Enrutamiento</translation>
    </message>
    <message>
        <source>&amp;Rules</source>
        <translation>&amp;Reglas</translation>
    </message>
    <message>
        <source>Caller &amp;lists</source>
        <translation>&amp;Listas de llamantes</translation>
    </message>
    <message>
        <source>&amp;Messages &amp;&amp; options</source>
        <translation>&amp;Mensajes y opciones</translation>
    </message>
    <message>
        <source>&amp;Test a call</source>
        <translation>&amp;Probar una llamada</translation>
    </message>
</context>
<context>
    <name>RoutingPlanLoader</name>
    <message>
        <source>The stored routing plan cannot be read (%1); import it again with `switchboard plan import`.</source>
        <translation>No se puede leer el plan de enrutamiento guardado (%1); impórtelo de nuevo con `switchboard plan import`.</translation>
    </message>
</context>
<context>
    <name>RuleEvaluator</name>
    <message>
        <source>the caller has an active booking</source>
        <translation>el llamante tiene una cita activa</translation>
    </message>
    <message>
        <source>the caller has no active booking</source>
        <translation>el llamante no tiene ninguna cita activa</translation>
    </message>
    <message>
        <source>the call was made to %1</source>
        <translation>la llamada se hizo a %1</translation>
    </message>
    <message>
        <source>the caller is on the list &quot;%1&quot;</source>
        <translation>el llamante está en la lista «%1»</translation>
    </message>
    <message>
        <source>the caller is not on the list &quot;%1&quot;</source>
        <translation>el llamante no está en la lista «%1»</translation>
    </message>
    <message>
        <source>it is inside the hours of &quot;%1&quot;</source>
        <translation>es dentro del horario de «%1»</translation>
    </message>
    <message>
        <source>it is outside the hours of &quot;%1&quot;</source>
        <translation>es fuera del horario de «%1»</translation>
    </message>
    <message>
        <source>it applies to every call</source>
        <translation>se aplica a todas las llamadas</translation>
    </message>
    <message>
        <source> and </source>
        <translation> y </translation>
    </message>
    <message>
        <source>%1 is on the block list (%2).</source>
        <translation>%1 está en la lista de bloqueados (%2).</translation>
    </message>
    <message>
        <source>The caller&apos;s number is withheld and only the numbers on the allow list may call.</source>
        <translation>El número del llamante está oculto y solo pueden llamar los números de la lista de permitidos.</translation>
    </message>
    <message>
        <source>%1 is not on the allow list.</source>
        <translation>%1 no está en la lista de permitidos.</translation>
    </message>
</context>
<context>
    <name>RulesEditor</name>
    <message>
        <source>All other numbers</source>
        <translation>Todos los demás números</translation>
    </message>
    <message>
        <source>All numbers</source>
        <translation>Todos los números</translation>
    </message>
    <message>
        <source>New plan (no number yet)</source>
        <translation>Plan nuevo (aún sin número)</translation>
    </message>
    <message>
        <source>Calls to %1</source>
        <translation>Llamadas a %1</translation>
    </message>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <source>%1 (missing)</source>
        <translation>%1 (no existe)</translation>
    </message>
    <message>
        <source>New plan for other numbers</source>
        <translation>Plan nuevo para otros números</translation>
    </message>
    <message>
        <source>Remove this plan</source>
        <translation>Quitar este plan</translation>
    </message>
    <message>
        <source>&amp;Add rule</source>
        <translation>Añadir re&amp;gla</translation>
    </message>
    <message>
        <source>Remo&amp;ve rule</source>
        <translation>&amp;Quitar regla</translation>
    </message>
    <message>
        <source>Move &amp;up</source>
        <translation>Su&amp;bir</translation>
    </message>
    <message>
        <source>Move do&amp;wn</source>
        <translation>Ba&amp;jar</translation>
    </message>
    <message>
        <source>Plan</source>
        <translation>Plan</translation>
    </message>
    <message>
        <source>The numbers this plan answers, separated by commas</source>
        <translation>Los números que atiende este plan, separados por comas</translation>
    </message>
    <message>
        <source>Rules for</source>
        <translation>Reglas de</translation>
    </message>
    <message>
        <source>Rule</source>
        <translation>Regla</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Cuándo</translation>
    </message>
    <message>
        <source>Then</source>
        <translation>Entonces</translation>
    </message>
    <message>
        <source>Rules, tried from the top</source>
        <translation>Reglas, probadas de arriba abajo</translation>
    </message>
    <message>
        <source>Any caller</source>
        <translation>Cualquier llamante</translation>
    </message>
    <message>
        <source>Callers with an active booking</source>
        <translation>Llamantes con una cita activa</translation>
    </message>
    <message>
        <source>Callers without an active booking</source>
        <translation>Llamantes sin cita activa</translation>
    </message>
    <message>
        <source>Any number of ours</source>
        <translation>Cualquiera de nuestros números</translation>
    </message>
    <message>
        <source>&amp;Booking</source>
        <translation>&amp;Cita</translation>
    </message>
    <message>
        <source>Caller on l&amp;ist</source>
        <translation>Llamante &amp;en la lista</translation>
    </message>
    <message>
        <source>Caller n&amp;ot on list</source>
        <translation>Llamante &amp;fuera de la lista</translation>
    </message>
    <message>
        <source>During the &amp;hours of</source>
        <translation>Den&amp;tro del horario de</translation>
    </message>
    <message>
        <source>Outside the hours o&amp;f</source>
        <translation>Fuera del &amp;horario de</translation>
    </message>
    <message>
        <source>&amp;Calls to</source>
        <translation>Llama&amp;das a</translation>
    </message>
    <message>
        <source>&amp;Name</source>
        <translation>&amp;Nombre</translation>
    </message>
    <message>
        <source>New rule</source>
        <translation>Regla nueva</translation>
    </message>
    <message>
        <source>Remove rule</source>
        <translation>Quitar la regla</translation>
    </message>
    <message>
        <source>Remove the rule &quot;%1&quot;? Calls it took go on to the rules below it.</source>
        <translation>¿Quitar la regla «%1»? Las llamadas que recogía pasarán a las reglas de debajo.</translation>
    </message>
    <message>
        <source>Remove plan</source>
        <translation>Quitar el plan</translation>
    </message>
    <message>
        <source>Remove the plan for %1? Calls to these numbers will follow the plan for all other numbers.</source>
        <translation>¿Quitar el plan de %1? Las llamadas a estos números seguirán el plan de todos los demás números.</translation>
    </message>
    <message>
        <source>%1. %2</source>
        <translation>%1. %2</translation>
    </message>
    <message>
        <source>Rules are tried from the top; the first that applies decides where the call goes. When no rule applies, the call rings the fallback number.</source>
        <translation>Las reglas se prueban de arriba abajo; la primera que se aplica decide adónde va la llamada. Si no se aplica ninguna regla, suena el número de respaldo.</translation>
    </message>
</context>
<context>
    <name>SampleData</name>
    <message>
        <source>Incoming call from %1 to %2.</source>
        <translation>Llamada entrante de %1 a %2.</translation>
    </message>
    <message>
        <source>The call ended (completed): %1.</source>
        <translation>La llamada ha terminado (completed): %1.</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>No se puede escribir %1: %2</translation>
    </message>
    <message>
        <source>Hello, I need to move my cleaning on Thursday to next week if that is possible. Please call me back on my mobile. Thank you!</source>
        <translation>Hola, necesito cambiar mi limpieza del jueves a la semana que viene, si es posible. Por favor, llámeme al móvil. ¡Gracias!</translation>
    </message>
</context>
<context>
    <name>Schedule</name>
    <message>
        <source>schedule &quot;%1&quot; cannot be read without a valid time and time zone</source>
        <translation>el horario «%1» no se puede evaluar sin una hora y una zona horaria válidas</translation>
    </message>
    <message>
        <source>closed on %1 (schedule &quot;%2&quot;)</source>
        <translation>cerrado el %1 (horario «%2»)</translation>
    </message>
    <message>
        <source>inside the hours of schedule &quot;%1&quot; at %2 %3</source>
        <translation>dentro del horario «%1» a las %2 %3</translation>
    </message>
    <message>
        <source>outside the hours of schedule &quot;%1&quot; at %2 %3</source>
        <translation>fuera del horario «%1» a las %2 %3</translation>
    </message>
</context>
<context>
    <name>SchedulesTab</name>
    <message>
        <source>&amp;Add schedule</source>
        <translation>&amp;Añadir horario</translation>
    </message>
    <message>
        <source>&amp;Remove schedule…</source>
        <translation>&amp;Quitar horario…</translation>
    </message>
    <message>
        <source>Time &amp;zone:</source>
        <translation>&amp;Zona horaria:</translation>
    </message>
    <message>
        <source>Schedules</source>
        <translation>Horarios</translation>
    </message>
    <message>
        <source>No schedules yet. Add one to say when people may be rung; staff without a schedule are always on call.</source>
        <translation>Aún no hay horarios. Añada uno para indicar cuándo se puede llamar a las personas; el personal sin horario está siempre de guardia.</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Nombre:</translation>
    </message>
    <message>
        <source>Weekly hours</source>
        <translation>Horario semanal</translation>
    </message>
    <message>
        <source>Closed days</source>
        <translation>Días de cierre</translation>
    </message>
    <message>
        <source>Select a schedule to see and change its hours.</source>
        <translation>Seleccione un horario para ver y cambiar sus horas.</translation>
    </message>
    <message>
        <source>the schedule &quot;%1&quot;</source>
        <translation>el horario «%1»</translation>
    </message>
    <message>
        <source>Its weekly hours and closed days go with it.</source>
        <translation>Su horario semanal y sus días de cierre se quitan con él.</translation>
    </message>
    <message>
        <source>Another schedule is already called &quot;%1&quot;.</source>
        <translation>Ya hay otro horario llamado «%1».</translation>
    </message>
    <message>
        <source>e.g. Office hours</source>
        <translation>p. ej. Horario de consulta</translation>
    </message>
    <message>
        <source>As staff and rules show it; renaming it changes it there too.</source>
        <translation>Así lo muestran el personal y las reglas; cambiarle el nombre también lo cambia allí.</translation>
    </message>
    <message>
        <source>Opening hours</source>
        <translation>Horario de apertura</translation>
    </message>
    <message>
        <source>A schedule needs a name: staff and rules show it by its name.</source>
        <translation>Un horario necesita un nombre: el personal y las reglas lo muestran por su nombre.</translation>
    </message>
    <message>
        <source>The practice&apos;s time zone: every schedule&apos;s hours and closed days are read in it, and once the plan is saved the window shows every time in it.</source>
        <translation>La zona horaria de la consulta: los horarios y días cerrados de cada calendario se leen en ella y, una vez guardado el plan, la ventana muestra todas las horas en ella.</translation>
    </message>
</context>
<context>
    <name>SecretBox</name>
    <message>
        <source>The master key is not %1 bytes long, so no secret can be decrypted.</source>
        <translation>La clave maestra no tiene %1 bytes, así que no se puede descifrar ningún secreto.</translation>
    </message>
    <message>
        <source>The stored secret is not in a format this version of Switchboard knows.</source>
        <translation>El secreto guardado no está en un formato que conozca esta versión de Switchboard.</translation>
    </message>
    <message>
        <source>The stored secret is damaged (it is not a complete encrypted value).</source>
        <translation>El secreto guardado está dañado (no es un valor cifrado completo).</translation>
    </message>
    <message>
        <source>The stored secret could not be decrypted because the encryption library failed.</source>
        <translation>No se pudo descifrar el secreto guardado porque falló la biblioteca de cifrado.</translation>
    </message>
    <message>
        <source>The stored secret cannot be decrypted: it was encrypted with a different master key, for a different setting, or has been altered.</source>
        <translation>No se puede descifrar el secreto guardado: se cifró con otra clave maestra, para otro ajuste, o ha sido alterado.</translation>
    </message>
</context>
<context>
    <name>ServeCommand</name>
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
    <message>
        <source>serve takes no arguments besides its options.</source>
        <translation>serve no admite argumentos aparte de sus opciones.</translation>
    </message>
    <message>
        <source>server.listen changed: now listening on %1.</source>
        <translation>server.listen cambió: ahora escucha en %1.</translation>
    </message>
    <message>
        <source>server.listen changed. %1. Still listening where it was.</source>
        <translation>server.listen cambió. %1. Sigue escuchando donde estaba.</translation>
    </message>
    <message>
        <source>--feed-listen: &quot;%1&quot; is not HOST:PORT (for example 127.0.0.1:8081).</source>
        <translation>--feed-listen: «%1» no es HOST:PUERTO (por ejemplo 127.0.0.1:8081).</translation>
    </message>
    <message>
        <source>Live feed:       %1</source>
        <translation>Transmisión en directo: %1</translation>
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
        <translation>Uso: switchboard serve [--listen HOST:PUERTO] [--feed-listen HOST:PUERTO] [--verbose]
Ejecuta el enrutador de llamadas sin ventana hasta SIGINT o SIGTERM. Escucha en server.listen
(por defecto 127.0.0.1:8080) salvo que --listen diga otra cosa, y ofrece la transmisión en directo
a otros puestos en feed.listen (por defecto 127.0.0.1:8081) salvo que --feed-listen diga otra cosa.
Lo que hace también se escribe en logs/switchboard.log en la carpeta de datos (5 MiB, luego se rota;
se guardan tres archivos anteriores), con los secretos y el token del webhook ocultos; bajo systemd,
la salida de errores es el journal. --verbose añade una línea por cada webhook respondido.
</translation>
    </message>
</context>
<context>
    <name>SettingFields</name>
    <message>
        <source>Leave empty to keep the saved value.</source>
        <translation>Déjelo vacío para conservar el valor guardado.</translation>
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
        <translation>Ajuste desconocido «%1» (¿quería decir «%2»?); ejecute `switchboard config list` para verlos todos.</translation>
    </message>
    <message>
        <source>%1: &quot;%2&quot; is not a web address; expected an absolute http or https URL such as %3.</source>
        <translation>%1: «%2» no es una dirección web; se espera una URL http o https absoluta como %3.</translation>
    </message>
    <message>
        <source>%1: &quot;%2&quot; must not have a query (?…) or a fragment (#…).</source>
        <translation>%1: «%2» no debe tener consulta (?…) ni fragmento (#…).</translation>
    </message>
    <message>
        <source>%1: &quot;%2&quot; is not a phone number.</source>
        <translation>%1: «%2» no es un número de teléfono.</translation>
    </message>
    <message>
        <source>%1 cannot be empty; run `switchboard config unset %1` to clear it.</source>
        <translation>%1 no puede estar vacío; ejecute `switchboard config unset %1` para borrarlo.</translation>
    </message>
    <message>
        <source>%1: &quot;%2&quot; is not an account SID; expected AC followed by 32 hexadecimal digits.</source>
        <translation>%1: «%2» no es un Account SID; se espera AC seguido de 32 dígitos hexadecimales.</translation>
    </message>
    <message>
        <source>%1 must be a single word with no spaces.</source>
        <translation>%1 debe ser una sola palabra sin espacios.</translation>
    </message>
    <message>
        <source>%1: &quot;%2&quot; is not a host name; expected letters, digits, dots and hyphens, optionally followed by :PORT.</source>
        <translation>%1: «%2» no es un nombre de host; se esperan letras, dígitos, puntos y guiones, opcionalmente seguidos de :PUERTO.</translation>
    </message>
    <message>
        <source>%1 must be a whole number from %2 to %3.</source>
        <translation>%1 debe ser un número entero de %2 a %3.</translation>
    </message>
    <message>
        <source>%1 must be true or false.</source>
        <translation>%1 debe ser true o false.</translation>
    </message>
    <message>
        <source>%1: &quot;%2&quot; is not a known region; expected a two-letter country code such as US or GB.</source>
        <translation>%1: «%2» no es una región conocida; se espera un código de país de dos letras como US o GB.</translation>
    </message>
    <message>
        <source>%1: &quot;%2&quot; is not HOST:PORT; expected for example 127.0.0.1:8080, [::1]:8080 or :8080, with a port from 1 to 65535.</source>
        <translation>%1: «%2» no es HOST:PUERTO; se espera por ejemplo 127.0.0.1:8080, [::1]:8080 o :8080, con un puerto de 1 a 65535.</translation>
    </message>
    <message>
        <source>%1 must be at least %2 characters of letters, digits, &quot;-&quot; and &quot;_&quot;.</source>
        <translation>%1 debe tener al menos %2 caracteres entre letras, dígitos, «-» y «_».</translation>
    </message>
    <message>
        <source>%1 could not be encrypted, so it was not saved.</source>
        <translation>%1 no se pudo cifrar, así que no se guardó.</translation>
    </message>
    <message>
        <source>The stored %1 cannot be decrypted: it was saved with a different master key (secret.key) or has been altered; set it again with `switchboard config set %1 VALUE`.</source>
        <translation>No se puede descifrar el valor guardado de %1: se guardó con otra clave maestra (secret.key) o ha sido alterado; vuelva a establecerlo con `switchboard config set %1 VALOR`.</translation>
    </message>
    <message>
        <source>Cannot create %1: the system has no source of secure random numbers.</source>
        <translation>No se puede crear %1: el sistema no tiene una fuente de números aleatorios seguros.</translation>
    </message>
    <message>
        <source>%1: &quot;%2&quot; is not an API key SID; expected SK followed by 32 hexadecimal digits.</source>
        <translation>%1: «%2» no es un SID de clave de API; se espera SK seguido de 32 dígitos hexadecimales.</translation>
    </message>
    <message>
        <source>%1: &quot;%2&quot; is not a web address; expected an absolute http or https URL such as https://example.com/fallback.</source>
        <translation>%1: «%2» no es una dirección web; se espera una URL http o https absoluta como https://example.com/fallback.</translation>
    </message>
    <message>
        <source>Enter the API key&apos;s secret too, or clear the API key SID to use the auth token.</source>
        <translation>Introduzca también el secreto de la clave de API, o borre el SID de la clave de API para usar el auth token.</translation>
    </message>
    <message>
        <source>Enter the API key SID (SK…) that goes with this secret.</source>
        <translation>Introduzca el SID de la clave de API (SK…) que corresponde a este secreto.</translation>
    </message>
    <message>
        <source>%1: cannot read &quot;%2&quot;: %3.</source>
        <translation>%1: no se puede leer «%2»: %3.</translation>
    </message>
    <message>
        <source>%1: &quot;%2&quot; holds no private key in PEM form (-----BEGIN PRIVATE KEY-----).</source>
        <translation>%1: «%2» no contiene ninguna clave privada en formato PEM (-----BEGIN PRIVATE KEY-----).</translation>
    </message>
    <message>
        <source>%1: &quot;%2&quot; holds no certificate in PEM form (-----BEGIN CERTIFICATE-----).</source>
        <translation>%1: «%2» no contiene ningún certificado en formato PEM (-----BEGIN CERTIFICATE-----).</translation>
    </message>
    <message>
        <source>%1 cannot be rotated; only feed.view_token and feed.control_token can.</source>
        <translation>%1 no se puede renovar; solo feed.view_token y feed.control_token pueden.</translation>
    </message>
</context>
<context>
    <name>SettingsStore</name>
    <message>
        <source>Cannot read the setting %1: %2</source>
        <translation>No se puede leer el ajuste %1: %2</translation>
    </message>
    <message>
        <source>Cannot read the settings: %1</source>
        <translation>No se pueden leer los ajustes: %1</translation>
    </message>
    <message>
        <source>Cannot save the setting %1: %2</source>
        <translation>No se puede guardar el ajuste %1: %2</translation>
    </message>
    <message>
        <source>Cannot remove the setting %1: %2</source>
        <translation>No se puede eliminar el ajuste %1: %2</translation>
    </message>
</context>
<context>
    <name>SetupAssistant</name>
    <message>
        <source>Set up Switchboard</source>
        <translation>Configurar Switchboard</translation>
    </message>
</context>
<context>
    <name>SetupCheck</name>
    <message>
        <source>Copy the account SID, and the API key SID and secret, again from the Twilio console (Account → API keys &amp; tokens), then save.</source>
        <translation>Copie de nuevo el Account SID, y el SID y el secreto de la clave de API, desde la consola de Twilio (Account → API keys &amp; tokens) y guarde.</translation>
    </message>
    <message>
        <source>Copy the account SID and auth token again from the Twilio console (the Account Info box on its home page), then save.</source>
        <translation>Copie de nuevo el Account SID y el auth token desde la consola de Twilio (el recuadro «Account Info» de su página de inicio) y guarde.</translation>
    </message>
    <message>
        <source>Twilio account</source>
        <translation>Cuenta de Twilio</translation>
    </message>
    <message>
        <source>The Twilio account SID or auth token is not set.</source>
        <translation>No se ha indicado el Account SID o el auth token de Twilio.</translation>
    </message>
    <message>
        <source>Enter the account SID and auth token from the Twilio console (the Account Info box on its home page), then save.</source>
        <translation>Introduzca el Account SID y el auth token de la consola de Twilio (el recuadro «Account Info» de su página de inicio) y guarde.</translation>
    </message>
    <message>
        <source>with the API key %1</source>
        <translation>con la clave de API %1</translation>
    </message>
    <message>
        <source>with the auth token</source>
        <translation>con el auth token</translation>
    </message>
    <message>
        <source>Signed in to &quot;%1&quot; (%2) %3.</source>
        <translation>Sesión iniciada en «%1» (%2) %3.</translation>
    </message>
    <message>
        <source>Numbers point here</source>
        <translation>Los números apuntan aquí</translation>
    </message>
    <message>
        <source>No phone numbers are chosen to be routed by this app.</source>
        <translation>No se ha elegido ningún número de teléfono para que lo enrute esta aplicación.</translation>
    </message>
    <message>
        <source>Under Numbers to route, load the numbers from Twilio, tick the ones this app should answer, and click Apply to Twilio.</source>
        <translation>En «Números que enrutar», cargue los números desde Twilio, marque los que debe atender esta aplicación y haga clic en «Aplicar en Twilio».</translation>
    </message>
    <message>
        <source>The public URL is not set, so there is no webhook URL the numbers could point to.</source>
        <translation>No se ha indicado la URL pública, así que no hay ninguna URL de webhook a la que puedan apuntar los números.</translation>
    </message>
    <message>
        <source>Enter the public URL (the address of your tunnel or port-forward), save, and click Apply to Twilio.</source>
        <translation>Introduzca la URL pública (la dirección de su túnel o redirección de puertos), guarde y haga clic en «Aplicar en Twilio».</translation>
    </message>
    <message>
        <source>The numbers cannot be checked without the Twilio credentials.</source>
        <translation>Los números no se pueden comprobar sin las credenciales de Twilio.</translation>
    </message>
    <message>
        <source>Enter the account SID and auth token, then save.</source>
        <translation>Introduzca el Account SID y el auth token y guarde.</translation>
    </message>
    <message>
        <source>The numbers could not be checked: %1</source>
        <translation>No se pudieron comprobar los números: %1</translation>
    </message>
    <message>
        <source>%1 points here</source>
        <translation>%1 apunta aquí</translation>
    </message>
    <message>
        <source>%1 is not a number of this Twilio account.</source>
        <translation>%1 no es un número de esta cuenta de Twilio.</translation>
    </message>
    <message>
        <source>Remove it from the numbers to route, or check that the account SID is the account that owns this number.</source>
        <translation>Quítelo de los números que enrutar, o compruebe que el Account SID es el de la cuenta a la que pertenece este número.</translation>
    </message>
    <message>
        <source>Calls and call status changes come to this app.</source>
        <translation>Las llamadas y los cambios de estado llegan a esta aplicación.</translation>
    </message>
    <message>
        <source>Now %1.</source>
        <translation>Ahora %1.</translation>
    </message>
    <message>
        <source>In the Twilio console, open the number and set &quot;A call comes in&quot; to Webhook (not a TwiML App or SIP trunk), then click Apply to Twilio.</source>
        <translation>En la consola de Twilio, abra el número y ponga «A call comes in» en Webhook (no TwiML App ni troncal SIP); luego haga clic en «Aplicar en Twilio».</translation>
    </message>
    <message>
        <source>Click Apply to Twilio to point it here.</source>
        <translation>Haga clic en «Aplicar en Twilio» para dirigirlo aquí.</translation>
    </message>
    <message>
        <source>Twilio can reach this computer</source>
        <translation>Twilio puede llegar a este equipo</translation>
    </message>
    <message>
        <source>The public URL is not set.</source>
        <translation>No se ha indicado la URL pública.</translation>
    </message>
    <message>
        <source>Start a tunnel (for example Cloudflare Tunnel or ngrok) to %1, or forward a port on the office router, and enter its https address as the public URL.</source>
        <translation>Inicie un túnel (por ejemplo Cloudflare Tunnel o ngrok) hacia %1, o redirija un puerto en el router de la oficina, e introduzca su dirección https como URL pública.</translation>
    </message>
    <message>
        <source>The auth token is not set, so this app refuses every call from Twilio.</source>
        <translation>No se ha indicado el auth token, así que esta aplicación rechaza todas las llamadas de Twilio.</translation>
    </message>
    <message>
        <source>Enter the auth token from the Twilio console, then save.</source>
        <translation>Introduzca el auth token de la consola de Twilio y guarde.</translation>
    </message>
    <message>
        <source>The network access has been shut down.</source>
        <translation>El acceso a la red se ha cerrado.</translation>
    </message>
    <message>
        <source>Restart the app.</source>
        <translation>Reinicie la aplicación.</translation>
    </message>
    <message>
        <source>Nothing answered at %1 within %2 seconds.</source>
        <translation>Nada respondió en %1 en %2 segundos.</translation>
    </message>
    <message>
        <source>Check that the tunnel (or port-forward) is running and forwards to %1, and that the public URL is its current address.</source>
        <translation>Compruebe que el túnel (o la redirección de puertos) está en marcha y reenvía a %1, y que la URL pública es su dirección actual.</translation>
    </message>
    <message>
        <source>Could not reach %1: %2.</source>
        <translation>No se pudo llegar a %1: %2.</translation>
    </message>
    <message>
        <source>A signed test request to %1 reached this app.</source>
        <translation>Una solicitud de prueba firmada a %1 llegó a esta aplicación.</translation>
    </message>
    <message>
        <source>A Switchboard at %1 refused the signed test request: %2</source>
        <translation>Un Switchboard en %1 rechazó la solicitud de prueba firmada: %2</translation>
    </message>
    <message>
        <source>Another computer or an old copy of this app answers at the public URL: point the tunnel at %1 on this computer.</source>
        <translation>En la URL pública responde otro equipo o una copia antigua de esta aplicación: dirija el túnel a %1 en este equipo.</translation>
    </message>
    <message>
        <source>%1 redirects to %2, which Twilio does not follow.</source>
        <translation>%1 redirige a %2, y Twilio no sigue esa redirección.</translation>
    </message>
    <message>
        <source>Enter the address it redirects to (often https:// instead of http://) as the public URL.</source>
        <translation>Introduzca como URL pública la dirección a la que redirige (a menudo https:// en lugar de http://).</translation>
    </message>
    <message>
        <source>The tunnel at %1 answered HTTP %2: it cannot reach this app.</source>
        <translation>El túnel en %1 respondió HTTP %2: no puede llegar a esta aplicación.</translation>
    </message>
    <message>
        <source>Make sure the tunnel forwards to %1 and that the router is running (see the status bar).</source>
        <translation>Asegúrese de que el túnel reenvía a %1 y de que el enrutador está en marcha (vea la barra de estado).</translation>
    </message>
    <message>
        <source>Something at %1 answered HTTP %2, but not the way this app does.</source>
        <translation>Algo en %1 respondió HTTP %2, pero no como lo hace esta aplicación.</translation>
    </message>
    <message>
        <source>Make sure the public URL is the address of the tunnel (or port-forward) to %1, with no extra path.</source>
        <translation>Asegúrese de que la URL pública es la dirección del túnel (o de la redirección de puertos) hacia %1, sin ruta adicional.</translation>
    </message>
    <message>
        <source>Retell AI voice agent</source>
        <translation>Agente de voz de Retell AI</translation>
    </message>
    <message>
        <source>The Retell API key or voice agent ID is not set, so callers with a booking ring the fallback number instead.</source>
        <translation>No se ha indicado la clave de API de Retell o el ID del agente de voz, así que los llamantes con cita llaman en su lugar al número de respaldo.</translation>
    </message>
    <message>
        <source>Enter the API key and the voice agent&apos;s ID from the Retell dashboard, then save.</source>
        <translation>Introduzca la clave de API y el ID del agente de voz del panel de Retell y guarde.</translation>
    </message>
    <message>
        <source>Copy the API key and the voice agent&apos;s ID again from the Retell dashboard (a chat agent cannot take calls), then save.</source>
        <translation>Copie de nuevo la clave de API y el ID del agente de voz desde el panel de Retell (un agente de chat no puede atender llamadas) y guarde.</translation>
    </message>
    <message>
        <source>Retell answers for the voice agent &quot;%1&quot;.</source>
        <translation>Retell responde por el agente de voz «%1».</translation>
    </message>
    <message>
        <source>Fallback number</source>
        <translation>Número de respaldo</translation>
    </message>
    <message>
        <source>Enter the phone number that should ring when nobody else can take a call, for example the front desk&apos;s mobile phone, then save.</source>
        <translation>Introduzca el número de teléfono que debe sonar cuando nadie más pueda atender una llamada, por ejemplo el móvil de la recepción, y guarde.</translation>
    </message>
    <message>
        <source>No fallback number is set, so a call that the AI agent cannot take has nowhere to go.</source>
        <translation>No hay número de respaldo, así que una llamada que el agente de IA no puede atender no tiene a dónde ir.</translation>
    </message>
    <message>
        <source>%1 is one of the numbers this app answers, so a call would ring itself.</source>
        <translation>%1 es uno de los números que atiende esta aplicación, así que una llamada se llamaría a sí misma.</translation>
    </message>
    <message>
        <source>Enter a phone that a person answers, not one of the Twilio numbers.</source>
        <translation>Introduzca un teléfono que atienda una persona, no uno de los números de Twilio.</translation>
    </message>
    <message>
        <source>%1 rings when nobody else can take a call.</source>
        <translation>%1 suena cuando nadie más puede atender una llamada.</translation>
    </message>
    <message>
        <source>Check this computer&apos;s internet connection (can it open a web page?), then check again; the credentials could not be checked meanwhile.</source>
        <translation>Compruebe la conexión a internet de este equipo (¿abre una página web?) y vuelva a comprobar; mientras tanto no se pudieron comprobar las credenciales.</translation>
    </message>
    <message>
        <source>Calls and call status changes come to this app, but when this computer cannot answer, callers hear Twilio&apos;s error message.</source>
        <translation>Las llamadas y los cambios de estado llegan a esta aplicación, pero cuando este equipo no puede responder, quienes llaman oyen el mensaje de error de Twilio.</translation>
    </message>
    <message>
        <source>Click Apply to Twilio: it sets up a fallback on Twilio that rings the fallback number.</source>
        <translation>Pulse «Aplicar en Twilio»: configura en Twilio una alternativa que llama al número de respaldo.</translation>
    </message>
    <message>
        <source>Calls and call status changes come to this app, but when this computer cannot answer, Twilio turns to %1 instead of the fallback set up for it.</source>
        <translation>Las llamadas y los cambios de estado llegan a esta aplicación, pero cuando este equipo no puede responder, Twilio recurre a %1 en lugar de la alternativa configurada.</translation>
    </message>
    <message>
        <source>nothing</source>
        <translation>nada</translation>
    </message>
    <message>
        <source>Click Apply to Twilio.</source>
        <translation>Pulse «Aplicar en Twilio».</translation>
    </message>
    <message>
        <source>Twilio calls from the internet: start a tunnel (for example Cloudflare Tunnel or ngrok) to %1 and enter its https address as the public URL, or forward a port of the office router to this computer, give it a TLS certificate and enter that https address.</source>
        <translation>Twilio llama desde internet: inicie un túnel (por ejemplo Cloudflare Tunnel o ngrok) hacia %1 e indique su dirección https como URL pública, o redirija un puerto del router de la oficina a este equipo, dele un certificado TLS e indique esa dirección https.</translation>
    </message>
    <message>
        <source> It leads to port %1 of this computer, but the router listens on port %2 (server.listen).</source>
        <translation> Lleva al puerto %1 de este equipo, pero el enrutador escucha en el puerto %2 (server.listen).</translation>
    </message>
    <message>
        <source> It leads to %1 of this computer, but the router listens on %2, which only this computer reaches.</source>
        <translation> Lleva a %1 de este equipo, pero el enrutador escucha en %2, que solo este equipo alcanza.</translation>
    </message>
    <message>
        <source>Twilio cannot reach %1: %2.</source>
        <translation>Twilio no puede alcanzar %1: %2.</translation>
    </message>
    <message>
        <source>The public URL&apos;s host %1 cannot be found: either this computer has no internet connection, or the name no longer exists (some tunnels get a new address each time they start).</source>
        <translation>No se encuentra el host %1 de la URL pública: o este equipo no tiene conexión a internet, o el nombre ya no existe (algunos túneles reciben una dirección nueva cada vez que se inician).</translation>
    </message>
    <message>
        <source>Check the internet connection; if it works, enter the tunnel&apos;s current address as the public URL.</source>
        <translation>Compruebe la conexión a internet; si funciona, indique la dirección actual del túnel como URL pública.</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>The public URL&apos;s host %1 leads to %2: Twilio cannot reach that.</source>
        <translation>El host %1 de la URL pública lleva a %2: Twilio no puede alcanzarlo.</translation>
    </message>
    <message>
        <source>The public URL %1 names this computer.</source>
        <translation>La URL pública %1 nombra a este equipo.</translation>
    </message>
    <message>
        <source>Make the router&apos;s listening address (server.listen) and the public URL&apos;s port agree, or forward the public port to the one the router listens on.</source>
        <translation>Haga coincidir la dirección de escucha del enrutador (server.listen) y el puerto de la URL pública, o redirija el puerto público al puerto en el que escucha el enrutador.</translation>
    </message>
    <message>
        <source>The public URL %1 is plain http: Twilio&apos;s requests, with what callers said and typed, would cross the internet unencrypted.</source>
        <translation>La URL pública %1 es http sin cifrar: las solicitudes de Twilio, con lo que dijeron y marcaron quienes llaman, cruzarían internet sin cifrar.</translation>
    </message>
    <message>
        <source>When this computer cannot answer</source>
        <translation>Cuando este equipo no puede responder</translation>
    </message>
    <message>
        <source>Click Apply to Twilio (or run `switchboard twilio apply`): it sets up a flow on Twilio that rings the fallback number.</source>
        <translation>Pulse «Aplicar en Twilio» (o ejecute `switchboard twilio apply`): configura en Twilio un flujo que llama al número de respaldo.</translation>
    </message>
    <message>
        <source>Nothing is set up: when this computer is off, asleep or offline, callers hear Twilio&apos;s error message.</source>
        <translation>No hay nada configurado: cuando este equipo está apagado, en reposo o sin conexión, quienes llaman oyen el mensaje de error de Twilio.</translation>
    </message>
    <message>
        <source>Twilio turns to your own fallback URL %1; what it does is up to it.</source>
        <translation>Twilio recurre a su propia URL alternativa %1; lo que haga depende de ella.</translation>
    </message>
    <message>
        <source>The fallback cannot be checked without the Twilio credentials.</source>
        <translation>La alternativa no se puede comprobar sin las credenciales de Twilio.</translation>
    </message>
    <message>
        <source>The fallback could not be checked: %1</source>
        <translation>No se pudo comprobar la alternativa: %1</translation>
    </message>
    <message>
        <source>The Studio flow %1 is not the one Switchboard made (it was changed in the Twilio console?).</source>
        <translation>El flujo de Studio %1 no es el que creó Switchboard (¿se cambió en la consola de Twilio?).</translation>
    </message>
    <message>
        <source>The Studio flow %1 is not published, so Twilio does not run it.</source>
        <translation>El flujo de Studio %1 no está publicado, así que Twilio no lo ejecuta.</translation>
    </message>
    <message>
        <source>Twilio %1, but with the current settings it should: %2.</source>
        <translation>Twilio %1, pero con la configuración actual debería: %2.</translation>
    </message>
    <message>
        <source>Click Apply to Twilio to bring it up to date.</source>
        <translation>Pulse «Aplicar en Twilio» para actualizarlo.</translation>
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
        <translation>Guía de configuración de Switchboard</translation>
    </message>
    <message>
        <source>The guide is missing from this build.</source>
        <translation>Falta la guía en esta compilación.</translation>
    </message>
</context>
<context>
    <name>SetupPanel</name>
    <message>
        <source>a TwiML App (%1)</source>
        <translation>una TwiML App (%1)</translation>
    </message>
    <message>
        <source>a SIP trunk (%1)</source>
        <translation>un troncal SIP (%1)</translation>
    </message>
    <message>
        <source>this app</source>
        <translation>esta aplicación</translation>
    </message>
    <message>
        <source>this app (status changes elsewhere)</source>
        <translation>esta aplicación (cambios de estado a otro sitio)</translation>
    </message>
    <message>
        <source>nowhere (no voice URL)</source>
        <translation>a ningún sitio (sin URL de voz)</translation>
    </message>
    <message>
        <source>Setup</source>
        <translation>Configuración</translation>
    </message>
    <message>
        <source>Connect Switchboard to your Twilio phone numbers and your Retell AI receptionist. Changes apply from the next call.</source>
        <translation>Conecte Switchboard con sus números de teléfono de Twilio y su recepcionista de IA de Retell. Los cambios se aplican a partir de la próxima llamada.</translation>
    </message>
    <message>
        <source>Working</source>
        <translation>Trabajando</translation>
    </message>
    <message>
        <source>Twilio: your phone numbers</source>
        <translation>Twilio: sus números de teléfono</translation>
    </message>
    <message>
        <source>Account SID</source>
        <translation>Account SID</translation>
    </message>
    <message>
        <source>AC followed by 32 letters and digits</source>
        <translation>AC seguido de 32 letras y dígitos</translation>
    </message>
    <message>
        <source>Auth token</source>
        <translation>Auth token</translation>
    </message>
    <message>
        <source>Both are in the Account Info box on the Twilio console&apos;s home page.</source>
        <translation>Ambos están en el recuadro «Account Info» de la página de inicio de la consola de Twilio.</translation>
    </message>
    <message>
        <source>API key SID</source>
        <translation>SID de la clave de API</translation>
    </message>
    <message>
        <source>optional: SK…, used instead of the auth token</source>
        <translation>opcional: SK…, se usa en lugar del auth token</translation>
    </message>
    <message>
        <source>API key secret</source>
        <translation>Secreto de la clave de API</translation>
    </message>
    <message>
        <source>Secrets are never shown. Leave a secret empty to keep the saved one.</source>
        <translation>Los secretos nunca se muestran. Deje un secreto vacío para conservar el guardado.</translation>
    </message>
    <message>
        <source>Retell AI: the voice agent for callers with a booking</source>
        <translation>Retell AI: el agente de voz para llamantes con cita</translation>
    </message>
    <message>
        <source>API key</source>
        <translation>Clave de API</translation>
    </message>
    <message>
        <source>Voice agent ID</source>
        <translation>ID del agente de voz</translation>
    </message>
    <message>
        <source>agent_…</source>
        <translation>agent_…</translation>
    </message>
    <message>
        <source>From the Retell dashboard; a chat agent cannot take phone calls.</source>
        <translation>Del panel de Retell; un agente de chat no puede atender llamadas telefónicas.</translation>
    </message>
    <message>
        <source>Calls</source>
        <translation>Llamadas</translation>
    </message>
    <message>
        <source>Fallback number</source>
        <translation>Número de respaldo</translation>
    </message>
    <message>
        <source>for example (555) 010-2030</source>
        <translation>por ejemplo (555) 010-2030</translation>
    </message>
    <message>
        <source>Rings when the AI agent cannot take a call or nobody else answers.</source>
        <translation>Suena cuando el agente de IA no puede atender una llamada o nadie más contesta.</translation>
    </message>
    <message>
        <source>Default region</source>
        <translation>Región predeterminada</translation>
    </message>
    <message>
        <source>Two-letter country code for numbers written without +.</source>
        <translation>Código de país de dos letras para números escritos sin +.</translation>
    </message>
    <message>
        <source>Routing enabled</source>
        <translation>Enrutamiento activado</translation>
    </message>
    <message>
        <source>Connection: how Twilio reaches this computer</source>
        <translation>Conexión: cómo llega Twilio a este equipo</translation>
    </message>
    <message>
        <source>Public URL</source>
        <translation>URL pública</translation>
    </message>
    <message>
        <source>https://frontdesk.example.net</source>
        <translation>https://frontdesk.example.net</translation>
    </message>
    <message>
        <source>The address of your tunnel or port-forward to this computer.</source>
        <translation>La dirección de su túnel o redirección de puertos hacia este equipo.</translation>
    </message>
    <message>
        <source>Webhook URL</source>
        <translation>URL del webhook</translation>
    </message>
    <message>
        <source>Status callback URL</source>
        <translation>URL de devolución de estado</translation>
    </message>
    <message>
        <source>Backup URL</source>
        <translation>URL de respaldo</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Guardar</translation>
    </message>
    <message>
        <source>Numbers to route</source>
        <translation>Números que enrutar</translation>
    </message>
    <message>
        <source>Load numbers from Twilio</source>
        <translation>Cargar números desde Twilio</translation>
    </message>
    <message>
        <source>Tick the numbers this app should answer.</source>
        <translation>Marque los números que debe atender esta aplicación.</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>Número</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>Calls go to now</source>
        <translation>Las llamadas van ahora a</translation>
    </message>
    <message>
        <source>Type a Twilio number, e.g. +1 555 765 4321</source>
        <translation>Escriba un número de Twilio, p. ej. +1 555 765 4321</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>Añadir</translation>
    </message>
    <message>
        <source>Apply to Twilio</source>
        <translation>Aplicar en Twilio</translation>
    </message>
    <message>
        <source>Check setup</source>
        <translation>Comprobar configuración</translation>
    </message>
    <message>
        <source>Tries the accounts and the numbers, and whether Twilio can reach this computer. Nothing is changed.</source>
        <translation>Prueba las cuentas y los números, y si Twilio puede llegar a este equipo. No se cambia nada.</translation>
    </message>
    <message>
        <source>set the public URL first</source>
        <translation>indique primero la URL pública</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Copiar</translation>
    </message>
    <message>
        <source>Copy the %1</source>
        <translation>Copiar %1</translation>
    </message>
    <message>
        <source>Copied</source>
        <translation>Copiado</translation>
    </message>
    <message>
        <source>(load the list to see)</source>
        <translation>(cargue la lista para verlo)</translation>
    </message>
    <message>
        <source>On: calls follow the routing plan.</source>
        <translation>Activado: las llamadas siguen el plan de enrutamiento.</translation>
    </message>
    <message>
        <source>Paused: every call rings the fallback number.</source>
        <translation>En pausa: todas las llamadas van al número de respaldo.</translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation>No guardado: %1</translation>
    </message>
    <message>
        <source>Not saved: one entry needs fixing (marked in red).</source>
        <translation>No guardado: hay que corregir una entrada (marcada en rojo).</translation>
    </message>
    <message>
        <source>Not saved: %1 entries need fixing (marked in red).</source>
        <translation>No guardado: hay que corregir %1 entradas (marcadas en rojo).</translation>
    </message>
    <message>
        <source>Saved at %1. Changes apply from the next call.</source>
        <translation>Guardado a las %1. Los cambios se aplican a partir de la próxima llamada.</translation>
    </message>
    <message>
        <source>not on this Twilio account</source>
        <translation>no está en esta cuenta de Twilio</translation>
    </message>
    <message>
        <source>This Twilio account has no phone numbers yet. Buy one in the Twilio console first.</source>
        <translation>Esta cuenta de Twilio aún no tiene números de teléfono. Compre uno primero en la consola de Twilio.</translation>
    </message>
    <message>
        <source>entered by hand</source>
        <translation>introducido a mano</translation>
    </message>
    <message>
        <source>(not checked with Twilio)</source>
        <translation>(no comprobado con Twilio)</translation>
    </message>
    <message>
        <source>Fix the entries marked in red first: the numbers are loaded with the saved account.</source>
        <translation>Corrija primero las entradas marcadas en rojo: los números se cargan con la cuenta guardada.</translation>
    </message>
    <message>
        <source>Enter the Twilio account SID and auth token first, then load the numbers.</source>
        <translation>Introduzca primero el Account SID y el auth token de Twilio, y luego cargue los números.</translation>
    </message>
    <message>
        <source>Loading the numbers from Twilio…</source>
        <translation>Cargando los números desde Twilio…</translation>
    </message>
    <message>
        <source>The list could not be loaded: %1 You can type the numbers below instead.</source>
        <translation>No se ha podido cargar la lista: %1 Puede escribir los números abajo en su lugar.</translation>
    </message>
    <message>
        <source>Nothing was sent to Twilio: fix the entries marked in red first.</source>
        <translation>No se ha enviado nada a Twilio: corrija primero las entradas marcadas en rojo.</translation>
    </message>
    <message>
        <source>Pointing the numbers at this app…</source>
        <translation>Dirigiendo los números a esta aplicación…</translation>
    </message>
    <message>
        <source>Your entries</source>
        <translation>Sus datos</translation>
    </message>
    <message>
        <source>Some entries are not valid, so they were not saved.</source>
        <translation>Algunas entradas no son válidas, por lo que no se han guardado.</translation>
    </message>
    <message>
        <source>Fix the entries marked in red, then check again.</source>
        <translation>Corrija las entradas marcadas en rojo y vuelva a comprobar.</translation>
    </message>
    <message>
        <source>Checking the setup…</source>
        <translation>Comprobando la configuración…</translation>
    </message>
    <message>
        <source>Fix:</source>
        <translation>Solución:</translation>
    </message>
    <message>
        <source>Start Switchboard when I log in</source>
        <translation>Iniciar Switchboard cuando inicie sesión</translation>
    </message>
    <message>
        <source>Opens in the system tray, so that calls are answered again after a restart.</source>
        <translation>Se abre en la bandeja del sistema, para que las llamadas se vuelvan a atender después de un reinicio.</translation>
    </message>
    <message>
        <source>set by Apply to Twilio</source>
        <translation>lo fija «Aplicar en Twilio»</translation>
    </message>
    <message>
        <source>Where Twilio turns when this computer cannot be reached. Apply to Twilio sets up a flow on Twilio that rings the fallback number; enter an address of your own only to use it instead.</source>
        <translation>Adónde recurre Twilio cuando no puede llegar a este equipo. «Aplicar en Twilio» configura en Twilio un flujo que llama al número de respaldo; indique una dirección propia solo si quiere usarla en su lugar.</translation>
    </message>
    <message>
        <source>Points the ticked numbers&apos; calls and status changes at this app, and has Twilio ring the fallback number when this computer cannot answer.</source>
        <translation>Dirige las llamadas y los cambios de estado de los números marcados a esta aplicación, y hace que Twilio llame al número de respaldo cuando este equipo no puede responder.</translation>
    </message>
    <message>
        <source>Not saved yet: press Save to route calls by the plan.</source>
        <translation>Aún sin guardar: pulse «Guardar» para enrutar las llamadas según el plan.</translation>
    </message>
    <message>
        <source>Not saved yet: press Save to pause routing.</source>
        <translation>Aún sin guardar: pulse «Guardar» para pausar el enrutamiento.</translation>
    </message>
    <message>
        <source>Run the assistant again</source>
        <translation>Volver a ejecutar el asistente</translation>
    </message>
    <message>
        <source>Goes through set-up page by page, with what is saved already filled in.</source>
        <translation>Recorre la configuración página a página, con lo ya guardado rellenado.</translation>
    </message>
</context>
<context>
    <name>ShownClock</name>
    <message>
        <source>Times are in %1 time (%2).</source>
        <translation>Horas en la zona horaria de %1 (%2).</translation>
    </message>
    <message>
        <source>Today %1</source>
        <translation>Hoy %1</translation>
    </message>
    <message>
        <source>Tomorrow %1</source>
        <translation>Mañana %1</translation>
    </message>
    <message>
        <source>Yesterday %1</source>
        <translation>Ayer %1</translation>
    </message>
</context>
<context>
    <name>SimulateCommand</name>
    <message>
        <source>Call from %1 to %2 on %3 (%4)</source>
        <translation>Llamada de %1 a %2 el %3 (%4)</translation>
    </message>
    <message>
        <source>a number without its own plan</source>
        <translation>un número sin plan propio</translation>
    </message>
    <message>
        <source>Caller: %1, no active booking</source>
        <translation>Llamante: %1, sin cita activa</translation>
    </message>
    <message>
        <source>Caller: %1, active booking %2</source>
        <translation>Llamante: %1, cita activa %2</translation>
    </message>
    <message>
        <source>Caller: not a saved customer</source>
        <translation>Llamante: no es un cliente guardado</translation>
    </message>
    <message>
        <source>Refused by the allow/block lists.</source>
        <translation>Rechazada por las listas de permitidos/bloqueados.</translation>
    </message>
    <message>
        <source>Rule: none applies; the never-drop order takes over.</source>
        <translation>Regla: no se aplica ninguna; entra en juego el orden de respaldo.</translation>
    </message>
    <message>
        <source>Rule: &quot;%1&quot;, because %2.</source>
        <translation>Regla: «%1», porque %2.</translation>
    </message>
    <message>
        <source>Dialed in this order (people within a tier are shuffled on each call):</source>
        <translation>Marcados en este orden (las personas de un mismo nivel se barajan en cada llamada):</translation>
    </message>
    <message>
        <source>tier %1</source>
        <translation>nivel %1</translation>
    </message>
    <message>
        <source>Skipped:</source>
        <translation>Omitidos:</translation>
    </message>
    <message>
        <source>Steps, if nobody answers:</source>
        <translation>Pasos, si nadie contesta:</translation>
    </message>
    <message>
        <source>The caller&apos;s number (or &quot;anonymous&quot;).</source>
        <translation>El número del llamante (o &quot;anonymous&quot;).</translation>
    </message>
    <message>
        <source>The number called (default: the first of twilio.numbers).</source>
        <translation>El número llamado (por defecto: el primero de twilio.numbers).</translation>
    </message>
    <message>
        <source>When the call comes in, ISO 8601; without an offset, in the plan&apos;s time zone (default: now).</source>
        <translation>Cuándo entra la llamada, ISO 8601; sin desfase, en la zona horaria del plan (por defecto: ahora).</translation>
    </message>
    <message>
        <source>The keys the caller presses, one per menu prompt.</source>
        <translation>Las teclas que pulsa el llamante, una por cada aviso del menú.</translation>
    </message>
    <message>
        <source>JSON output.</source>
        <translation>Salida en JSON.</translation>
    </message>
    <message>
        <source>Usage: switchboard simulate --from NUMBER [--to NUMBER] [--at ISO8601] [--digits D] [--json]
Runs the routing plan on a made-up call against the saved customers and bookings and prints
the path it would take: the rule that applies and why, who would be rung in what order and
who is skipped and why, and the TwiML of each step. Nobody is called and nothing is written
to the call log; nobody answers, so the path goes on to its very end.
</source>
        <translation>Uso: switchboard simulate --from NÚMERO [--to NÚMERO] [--at ISO8601] [--digits D] [--json]
Aplica el plan de enrutamiento a una llamada inventada con los clientes y citas guardados y
muestra el recorrido que seguiría: la regla que se aplica y por qué, a quién se llamaría y en
qué orden, a quién se omite y por qué, y el TwiML de cada paso. No se llama a nadie ni se
escribe nada en el registro de llamadas; nadie contesta, así que el recorrido llega hasta el final.
</translation>
    </message>
    <message>
        <source>--at: &quot;%1&quot; is not an ISO 8601 time such as 2026-12-24T09:30 or 2026-12-24T09:30:00-05:00.</source>
        <translation>--at: «%1» no es una hora ISO 8601 como 2026-12-24T09:30 o 2026-12-24T09:30:00-05:00.</translation>
    </message>
    <message>
        <source>--digits: &quot;%1&quot; is not a phone key.</source>
        <translation>--digits: «%1» no es una tecla del teléfono.</translation>
    </message>
</context>
<context>
    <name>StaffPanel</name>
    <message>
        <source>Staff &amp; schedules</source>
        <translation>Personal y horarios</translation>
    </message>
    <message>
        <source>Staff</source>
        <translation>Personal</translation>
    </message>
    <message>
        <source>Teams</source>
        <translation>Equipos</translation>
    </message>
    <message>
        <source>Schedules</source>
        <translation>Horarios</translation>
    </message>
</context>
<context>
    <name>StaffTab</name>
    <message>
        <source>&amp;Add person</source>
        <translation>&amp;Añadir persona</translation>
    </message>
    <message>
        <source>&amp;Remove person…</source>
        <translation>&amp;Quitar persona…</translation>
    </message>
    <message>
        <source>Ac&amp;tive: calls may ring this person</source>
        <translation>Acti&amp;vo: se puede llamar a esta persona</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Teléfono</translation>
    </message>
    <message>
        <source>On-call hours</source>
        <translation>Horario de guardia</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Activo</translation>
    </message>
    <message>
        <source>No staff yet. Add the people who answer calls.</source>
        <translation>Aún no hay personal. Añada a las personas que atienden las llamadas.</translation>
    </message>
    <message>
        <source>e.g. Alice Ng</source>
        <translation>p. ej. Ana García</translation>
    </message>
    <message>
        <source>e.g. (555) 111-0001</source>
        <translation>p. ej. (555) 111-0001</translation>
    </message>
    <message>
        <source>None</source>
        <translation>Ninguno</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Nombre:</translation>
    </message>
    <message>
        <source>&amp;Phone:</source>
        <translation>&amp;Teléfono:</translation>
    </message>
    <message>
        <source>The number calls are put through to, as you would dial it. It is saved with its country code.</source>
        <translation>El número al que se pasan las llamadas, tal como lo marcaría usted. Se guarda con su prefijo de país.</translation>
    </message>
    <message>
        <source>Untick while someone is away: they keep their place in teams but are not rung.</source>
        <translation>Desmárquelo mientras alguien esté ausente: conserva su lugar en los equipos, pero no se le llama.</translation>
    </message>
    <message>
        <source>On-call &amp;hours:</source>
        <translation>&amp;Horario de guardia:</translation>
    </message>
    <message>
        <source>Calls ring this person only within these hours. Set the hours in the Schedules tab.</source>
        <translation>Solo se llama a esta persona dentro de este horario. Defina las horas en la pestaña «Horarios».</translation>
    </message>
    <message>
        <source>Answers calls &amp;to:</source>
        <translation>Atiende las &amp;llamadas a:</translation>
    </message>
    <message>
        <source>Your practice&apos;s numbers that this person answers, separated by commas. A rule can ring a number&apos;s owner first.</source>
        <translation>Los números de su consulta que atiende esta persona, separados por comas. Una regla puede llamar primero a quien atiende un número.</translation>
    </message>
    <message>
        <source>Select a person to see and change their details.</source>
        <translation>Seleccione una persona para ver y cambiar sus datos.</translation>
    </message>
    <message>
        <source>this person</source>
        <translation>esta persona</translation>
    </message>
    <message>
        <source>Calls will no longer ring them. Callers notice once the plan is saved.</source>
        <translation>Ya no se le llamará cuando entren llamadas. Los llamantes lo notarán en cuanto se guarde el plan.</translation>
    </message>
    <message>
        <source>(no name yet)</source>
        <translation>(aún sin nombre)</translation>
    </message>
    <message>
        <source>Always</source>
        <translation>Siempre</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Sí</translation>
    </message>
    <message>
        <source>No</source>
        <translation>No</translation>
    </message>
    <message>
        <source>Always on call</source>
        <translation>Siempre de guardia</translation>
    </message>
    <message>
        <source>%1 (no such hours)</source>
        <translation>%1 (no existe ese horario)</translation>
    </message>
</context>
<context>
    <name>StatsCommand</name>
    <message>
        <source>Calls from %1 to %2 (%3), %4</source>
        <translation>Llamadas del %1 al %2 (%3), %4</translation>
    </message>
    <message>
        <source>every number</source>
        <translation>todos los números</translation>
    </message>
    <message>
        <source>to %1</source>
        <translation>a %1</translation>
    </message>
    <message numerus="yes">
        <source>Total: %n call(s)</source>
        <translation>
            <numerusform>Total: %n llamada</numerusform>
            <numerusform>Total: %n llamadas</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Answered %1, AI agent %2, missed %3, voicemail %4 of the %n finished call(s) that were not blocked</source>
        <translation>
            <numerusform>Atendidas %1, agente de IA %2, perdidas %3, buzón de voz %4 de %n llamada finalizada no bloqueada</numerusform>
            <numerusform>Atendidas %1, agente de IA %2, perdidas %3, buzón de voz %4 de las %n llamadas finalizadas no bloqueadas</numerusform>
        </translation>
    </message>
    <message>
        <source>Duration: average %1, p90 %2 (m:ss)</source>
        <translation>Duración: media %1, p90 %2 (m:ss)</translation>
    </message>
    <message>
        <source>Duration: no finished call has one</source>
        <translation>Duración: ninguna llamada finalizada la tiene</translation>
    </message>
    <message numerus="yes">
        <source>%1 %2:00-%3:00 (%n call(s))</source>
        <translation>
            <numerusform>%1 %2:00-%3:00 (%n llamada)</numerusform>
            <numerusform>%1 %2:00-%3:00 (%n llamadas)</numerusform>
        </translation>
    </message>
    <message>
        <source>Busiest hours: %1</source>
        <translation>Horas de más actividad: %1</translation>
    </message>
    <message>
        <source>none</source>
        <translation>ninguna</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Fecha</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Total</translation>
    </message>
    <message>
        <source>Call back: nobody is waiting.</source>
        <translation>Devolver llamada: no espera nadie.</translation>
    </message>
    <message numerus="yes">
        <source>Call back: %n caller(s) whose missed calls nobody returned, newest first</source>
        <translation>
            <numerusform>Devolver llamada: %n llamante cuyas llamadas perdidas nadie devolvió, las más recientes primero</numerusform>
            <numerusform>Devolver llamada: %n llamantes cuyas llamadas perdidas nadie devolvió, las más recientes primero</numerusform>
        </translation>
    </message>
    <message>
        <source>Last missed</source>
        <translation>Última perdida</translation>
    </message>
    <message>
        <source>Missed</source>
        <translation>Perdidas</translation>
    </message>
    <message>
        <source>From</source>
        <translation>De</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Cliente</translation>
    </message>
    <message numerus="yes">
        <source>... and %n more; --json lists them all.</source>
        <translation>
            <numerusform>... y %n más; --json los muestra todos.</numerusform>
            <numerusform>... y %n más; --json los muestra todos.</numerusform>
        </translation>
    </message>
    <message>
        <source>JSON output.</source>
        <translation>Salida en JSON.</translation>
    </message>
    <message>
        <source>The first day (or time) counted.</source>
        <translation>El primer día (u hora) que se cuenta.</translation>
    </message>
    <message>
        <source>The last day counted (or the time the count stops).</source>
        <translation>El último día que se cuenta (o la hora en que termina el recuento).</translation>
    </message>
    <message>
        <source>Only calls to this number of the business.</source>
        <translation>Solo las llamadas a este número del negocio.</translation>
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
        <translation>Uso: switchboard stats [--json] [--since FECHA] [--until FECHA] [--number E164]
Las cifras del panel de estadísticas para las llamadas entrantes de --since a --until: llamadas
por día y resultado, los porcentajes, la duración media y el percentil 90, las horas de más
actividad de la semana y los llamantes a los que devolver la llamada. FECHA es un día como
2026-11-01, contado entero en la zona horaria del plan de enrutamiento (incluido el día de
--until), o una hora ISO 8601 como 2026-11-01T09:30 o 2026-11-01T09:30:00-05:00.
Por defecto: los últimos 30 días, incluido hoy.
Los porcentajes son partes de las llamadas finalizadas (no las en curso) sin las bloqueadas, para
que el spam rechazado no baje el porcentaje de atendidas; las perdidas y los mensajes de voz se
cuentan aparte. La lista para devolver llamadas reúne a los llamantes con llamadas perdidas o
mensajes de voz en el periodo a los que ninguna llamada posterior suya llegó a atender (el
personal o el agente de IA, hasta ahora); se omiten los números ocultos.
</translation>
    </message>
    <message>
        <source>%1 The days are counted in this computer&apos;s time zone.</source>
        <translation>%1 Los días se cuentan en la zona horaria de este equipo.</translation>
    </message>
</context>
<context>
    <name>StatsJsonReader</name>
    <message>
        <source>The statistics&apos; field &quot;%1&quot; is missing or not what it should be.</source>
        <translation>El campo «%1» de las estadísticas falta o no es lo que debería.</translation>
    </message>
</context>
<context>
    <name>StatsPanel</name>
    <message>
        <source>Call statistics</source>
        <translation>Estadísticas de llamadas</translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation>Últimos 7 días</translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation>Últimos 30 días</translation>
    </message>
    <message>
        <source>Last 90 days</source>
        <translation>Últimos 90 días</translation>
    </message>
    <message>
        <source>Last 12 months</source>
        <translation>Últimos 12 meses</translation>
    </message>
    <message>
        <source>All numbers</source>
        <translation>Todos los números</translation>
    </message>
    <message>
        <source>Range:</source>
        <translation>Periodo:</translation>
    </message>
    <message>
        <source>Number:</source>
        <translation>Número:</translation>
    </message>
    <message>
        <source>Mon</source>
        <translation>lun</translation>
    </message>
    <message>
        <source>Tue</source>
        <translation>mar</translation>
    </message>
    <message>
        <source>Wed</source>
        <translation>mié</translation>
    </message>
    <message>
        <source>Thu</source>
        <translation>jue</translation>
    </message>
    <message>
        <source>Fri</source>
        <translation>vie</translation>
    </message>
    <message>
        <source>Sat</source>
        <translation>sáb</translation>
    </message>
    <message>
        <source>Sun</source>
        <translation>dom</translation>
    </message>
    <message>
        <source>Calls per hour of the week, in the business&apos;s time zone.</source>
        <translation>Llamadas por hora de la semana, en la zona horaria del negocio.</translation>
    </message>
    <message>
        <source>Caller</source>
        <translation>Llamante</translation>
    </message>
    <message>
        <source>Missed calls</source>
        <translation>Llamadas perdidas</translation>
    </message>
    <message>
        <source>Last missed</source>
        <translation>Última perdida</translation>
    </message>
    <message>
        <source>&lt;b&gt;Busiest hours of the week&lt;/b&gt;</source>
        <translation>&lt;b&gt;Horas de más actividad de la semana&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;To call back&lt;/b&gt; (missed, and not reached since)</source>
        <translation>&lt;b&gt;Para devolver la llamada&lt;/b&gt; (perdidas y sin contacto desde entonces)</translation>
    </message>
    <message>
        <source>The statistics cannot be read: %1</source>
        <translation>No se pueden leer las estadísticas: %1</translation>
    </message>
    <message>
        <source>&lt;span style=&apos;font-size:large&apos;&gt;&lt;b&gt;%1&lt;/b&gt; calls&lt;/span&gt; &amp;nbsp;·&amp;nbsp; answered by staff &lt;b&gt;%2&lt;/b&gt; &amp;nbsp;·&amp;nbsp; AI agent &lt;b&gt;%3&lt;/b&gt; &amp;nbsp;·&amp;nbsp; voicemail &lt;b&gt;%4&lt;/b&gt; &amp;nbsp;·&amp;nbsp; missed &lt;b&gt;%5&lt;/b&gt; &amp;nbsp;·&amp;nbsp; average length &lt;b&gt;%6&lt;/b&gt;, 9 in 10 calls under &lt;b&gt;%7&lt;/b&gt;&lt;br&gt;&lt;span style=&apos;color:%9&apos;&gt;Rates are of finished calls, leaving out %8 blocked.&lt;/span&gt;</source>
        <translation>&lt;span style=&apos;font-size:large&apos;&gt;&lt;b&gt;%1&lt;/b&gt; llamadas&lt;/span&gt; &amp;nbsp;·&amp;nbsp; atendidas por el personal &lt;b&gt;%2&lt;/b&gt; &amp;nbsp;·&amp;nbsp; agente de IA &lt;b&gt;%3&lt;/b&gt; &amp;nbsp;·&amp;nbsp; buzón de voz &lt;b&gt;%4&lt;/b&gt; &amp;nbsp;·&amp;nbsp; perdidas &lt;b&gt;%5&lt;/b&gt; &amp;nbsp;·&amp;nbsp; duración media &lt;b&gt;%6&lt;/b&gt;, 9 de cada 10 llamadas duran menos de &lt;b&gt;%7&lt;/b&gt;&lt;br&gt;&lt;span style=&apos;color:%9&apos;&gt;Los porcentajes se refieren a las llamadas finalizadas, sin contar %8 bloqueadas.&lt;/span&gt;</translation>
    </message>
    <message>
        <source>Calls per day</source>
        <translation>Llamadas por día</translation>
    </message>
    <message>
        <source>&lt;span style=&apos;font-size:large&apos;&gt;&lt;b&gt;0&lt;/b&gt; calls&lt;/span&gt;</source>
        <translation>&lt;span style=&apos;font-size:large&apos;&gt;&lt;b&gt;0&lt;/b&gt; llamadas&lt;/span&gt;</translation>
    </message>
    <message>
        <source>No calls in this period yet. Each call is counted here as soon as it comes in.</source>
        <translation>Todavía no hay llamadas en este periodo. Cada llamada se cuenta aquí en cuanto entra.</translation>
    </message>
    <message>
        <source>No calls to %1 in this period yet.</source>
        <translation>Todavía no hay llamadas a %1 en este periodo.</translation>
    </message>
    <message numerus="yes">
        <source>%1 %2–%3: %n call(s)</source>
        <translation>
            <numerusform>%1 %2–%3: %n llamada</numerusform>
            <numerusform>%1 %2–%3: %n llamadas</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <comment>customer name · phone number</comment>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>Call back…</source>
        <translation>Devolver la llamada…</translation>
    </message>
    <message>
        <source>Select a caller in the list to call them back.</source>
        <translation>Seleccione a alguien de la lista para devolverle la llamada.</translation>
    </message>
    <message>
        <source>Ring a phone of the practice first, then this caller.</source>
        <translation>Llamar primero a un teléfono de la consulta y después a quien llamó.</translation>
    </message>
</context>
<context>
    <name>TeamsTab</name>
    <message>
        <source>&amp;Add team</source>
        <translation>&amp;Añadir equipo</translation>
    </message>
    <message>
        <source>&amp;Remove team…</source>
        <translation>&amp;Quitar equipo…</translation>
    </message>
    <message>
        <source>&amp;Skip people already rung in this call</source>
        <translation>&amp;Omitir a las personas a las que ya se llamó en esta llamada</translation>
    </message>
    <message>
        <source>Teams</source>
        <translation>Equipos</translation>
    </message>
    <message>
        <source>No teams yet. Add a team to ring several people for one call, such as the front desk.</source>
        <translation>Aún no hay equipos. Añada un equipo para llamar a varias personas en una misma llamada, como la recepción.</translation>
    </message>
    <message>
        <source>e.g. Front desk</source>
        <translation>p. ej. Recepción</translation>
    </message>
    <message>
        <source>One by one</source>
        <translation>Una a una</translation>
    </message>
    <message>
        <source>All at once</source>
        <translation>Todas a la vez</translation>
    </message>
    <message>
        <source> seconds</source>
        <translation> segundos</translation>
    </message>
    <message>
        <source>Off</source>
        <translation>Desactivado</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Nombre:</translation>
    </message>
    <message>
        <source>Rin&amp;g:</source>
        <translation>&amp;Llamar:</translation>
    </message>
    <message>
        <source>One by one: the people of a tier in turn, in a random order. All at once: a tier&apos;s people together; the first to answer takes the call.</source>
        <translation>Una a una: las personas de un nivel por turnos, en orden aleatorio. Todas a la vez: las personas de un nivel juntas; la primera que contesta se queda con la llamada.</translation>
    </message>
    <message>
        <source>Ring each person &amp;for:</source>
        <translation>Llamar a cada persona &amp;durante:</translation>
    </message>
    <message>
        <source>Before the call moves on to the next person or tier.</source>
        <translation>Antes de que la llamada pase a la siguiente persona o nivel.</translation>
    </message>
    <message>
        <source>People per call, at &amp;most:</source>
        <translation>Personas por llamada, como &amp;máximo:</translation>
    </message>
    <message>
        <source>How many people one call rings in all, across the tiers.</source>
        <translation>A cuántas personas se llama en total en una llamada, sumando todos los niveles.</translation>
    </message>
    <message>
        <source>For when a rule has already rung someone directly before it rings this team.</source>
        <translation>Para cuando una regla ya ha llamado a alguien directamente antes de llamar a este equipo.</translation>
    </message>
    <message>
        <source>Returning &amp;callers:</source>
        <translation>Llamantes que &amp;vuelven:</translation>
    </message>
    <message>
        <source>Try the person who last answered this caller first, if that was within this many days. Off: always start with tier 1.</source>
        <translation>Llamar primero a la persona que atendió a este llamante la última vez, si fue dentro de este número de días. Desactivado: empezar siempre por el nivel 1.</translation>
    </message>
    <message>
        <source>Tiers: who is rung, in order</source>
        <translation>Niveles: a quién se llama, por orden</translation>
    </message>
    <message>
        <source>Select a team to see and change how it is rung.</source>
        <translation>Seleccione un equipo para ver y cambiar cómo se le llama.</translation>
    </message>
    <message>
        <source> day</source>
        <translation> día</translation>
    </message>
    <message>
        <source> days</source>
        <translation> días</translation>
    </message>
    <message>
        <source>this team</source>
        <translation>este equipo</translation>
    </message>
    <message>
        <source>the team &quot;%1&quot;</source>
        <translation>el equipo «%1»</translation>
    </message>
    <message>
        <source>Its people stay on the staff.</source>
        <translation>Sus miembros siguen en el personal.</translation>
    </message>
    <message>
        <source>(no name yet)</source>
        <translation>(aún sin nombre)</translation>
    </message>
</context>
<context>
    <name>TestCallPage</name>
    <message>
        <source>Try it: call your number</source>
        <translation>Pruébelo: llame a su número</translation>
    </message>
    <message>
        <source>A call from your own mobile shows that everything works, and what your callers will hear.</source>
        <translation>Una llamada desde su propio móvil muestra que todo funciona y lo que oirán quienes le llamen.</translation>
    </message>
    <message>
        <source>Open Live calls to watch the test call</source>
        <translation>Abrir «Llamadas en curso» para seguir la llamada de prueba</translation>
    </message>
    <message>
        <source>Call %1 from your mobile now.</source>
        <translation>Llame ahora a %1 desde su móvil.</translation>
    </message>
    <message>
        <source>Your mobile has no booking, so Switchboard hands the call to a person: %1 rings (unless a rule on the Routing page sends it elsewhere).</source>
        <translation>Su móvil no tiene cita, así que Switchboard pasa la llamada a una persona: suena %1 (salvo que una regla de la página «Enrutamiento» la envíe a otro sitio).</translation>
    </message>
    <message>
        <source>Callers with a booking ring a person too, until you add a Retell agent in Setup.</source>
        <translation>Quienes llaman con cita también llegan a una persona, hasta que añada un agente de Retell en Configuración.</translation>
    </message>
    <message>
        <source>A caller with a booking talks to your AI receptionist first, and reaches a person if the agent cannot take the call.</source>
        <translation>Quien llama con una cita habla primero con su recepcionista de IA, y llega a una persona si el agente no puede atender la llamada.</translation>
    </message>
    <message>
        <source>No phone at hand? Routing → Test a call shows the same path for any caller.</source>
        <translation>¿No tiene un teléfono a mano? Enrutamiento → Probar una llamada muestra el mismo camino para cualquier llamante.</translation>
    </message>
    <message>
        <source>Checking everything once more…</source>
        <translation>Comprobando todo una vez más…</translation>
    </message>
    <message>
        <source>Everything checks out:</source>
        <translation>Todo está en orden:</translation>
    </message>
    <message>
        <source>Not everything is ready yet:</source>
        <translation>Todavía no está todo listo:</translation>
    </message>
</context>
<context>
    <name>TestCallPanel</name>
    <message>
        <source>&amp;Now</source>
        <translation>A&amp;hora</translation>
    </message>
    <message>
        <source>Tier</source>
        <translation>Nivel</translation>
    </message>
    <message>
        <source>Rings</source>
        <translation>Se llama a</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Teléfono</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>Paso</translation>
    </message>
    <message>
        <source>What happens</source>
        <translation>Qué ocurre</translation>
    </message>
    <message>
        <source>The caller&apos;s number, e.g. (555) 123-0001</source>
        <translation>El número del llamante, p. ej. (555) 123-0001</translation>
    </message>
    <message>
        <source>Our number that was called</source>
        <translation>Nuestro número al que se llamó</translation>
    </message>
    <message>
        <source>Keys pressed in menus, e.g. 12</source>
        <translation>Teclas pulsadas en los menús, p. ej. 12</translation>
    </message>
    <message>
        <source>Call &amp;from</source>
        <translation>Llamada &amp;de</translation>
    </message>
    <message>
        <source>Call t&amp;o</source>
        <translation>Llamada &amp;a</translation>
    </message>
    <message>
        <source>&amp;When</source>
        <translation>&amp;Cuándo</translation>
    </message>
    <message>
        <source>&amp;Keys pressed</source>
        <translation>&amp;Teclas pulsadas</translation>
    </message>
    <message>
        <source>Try the plan as it stands here, saved or not, against your real customers and bookings. Nobody is called and nothing is logged; in a test nobody answers, so the call goes on to the end of its path.</source>
        <translation>Pruebe el plan tal como está aquí, guardado o no, con sus clientes y citas reales. No se llama a nadie ni se registra nada; en una prueba nadie contesta, así que la llamada sigue hasta el final de su recorrido.</translation>
    </message>
    <message>
        <source>Who would ring, in order</source>
        <translation>A quién se llamaría, por orden</translation>
    </message>
    <message>
        <source>Type the number the test call comes from.</source>
        <translation>Escriba el número desde el que llega la llamada de prueba.</translation>
    </message>
    <message>
        <source>The plan has problems marked in red; fix them first, then test.</source>
        <translation>El plan tiene problemas marcados en rojo; corríjalos primero y luego pruebe.</translation>
    </message>
    <message>
        <source>Routing is paused: calls go straight to the fallback number until it is turned on in Setup.</source>
        <translation>El enrutamiento está en pausa: las llamadas van directamente al número de respaldo hasta que se active en Configuración.</translation>
    </message>
    <message>
        <source>%1, not a customer</source>
        <translation>%1, no es cliente</translation>
    </message>
    <message>
        <source>Caller: %1</source>
        <translation>Llamante: %1</translation>
    </message>
    <message>
        <source>Turned away by the caller lists.</source>
        <translation>Rechazada por las listas de llamantes.</translation>
    </message>
    <message>
        <source>Rule: &lt;b&gt;%1&lt;/b&gt; (%2)</source>
        <translation>Regla: &lt;b&gt;%1&lt;/b&gt; (%2)</translation>
    </message>
    <message>
        <source>No rule applies.</source>
        <translation>No se aplica ninguna regla.</translation>
    </message>
    <message>
        <source>Ends: %1</source>
        <translation>Final: %1</translation>
    </message>
    <message>
        <source>%1 — skipped: %2</source>
        <translation>%1 — omitido: %2</translation>
    </message>
    <message>
        <source>(No answer to Twilio at this step.)</source>
        <translation>(En este paso no se responde a Twilio.)</translation>
    </message>
    <message>
        <source>Test t&amp;his call</source>
        <translation>Pro&amp;bar esta llamada</translation>
    </message>
    <message>
        <source>Show what Twilio is told</source>
        <translation>Mostrar lo que se le dice a Twilio</translation>
    </message>
    <message>
        <source>Choose a step to read it in full.</source>
        <translation>Elija un paso para leerlo completo.</translation>
    </message>
    <message>
        <source>%1 · %2, no active booking</source>
        <translation>%1 · %2, sin cita activa</translation>
    </message>
    <message>
        <source>%1 · %2, with an active booking</source>
        <translation>%1 · %2, con una cita activa</translation>
    </message>
    <message>
        <source>%1 · %2, booking %3</source>
        <translation>%1 · %2, cita %3</translation>
    </message>
</context>
<context>
    <name>TierEditor</name>
    <message>
        <source>Add t&amp;ier</source>
        <translation>Añad&amp;ir nivel</translation>
    </message>
    <message>
        <source>Remo&amp;ve tier</source>
        <translation>Quitar niv&amp;el</translation>
    </message>
    <message>
        <source>Move &amp;up</source>
        <translation>Su&amp;bir</translation>
    </message>
    <message>
        <source>Move d&amp;own</source>
        <translation>Ba&amp;jar</translation>
    </message>
    <message>
        <source>A&amp;dd to tier</source>
        <translation>Añadi&amp;r al nivel</translation>
    </message>
    <message>
        <source>Ta&amp;ke out of tier</source>
        <translation>Sa&amp;car del nivel</translation>
    </message>
    <message>
        <source>Tiers</source>
        <translation>Niveles</translation>
    </message>
    <message>
        <source>Person to add</source>
        <translation>Persona que añadir</translation>
    </message>
    <message>
        <source>Add staff in the Staff tab first</source>
        <translation>Añada primero personal en la pestaña «Personal»</translation>
    </message>
    <message>
        <source>Everyone is in this team</source>
        <translation>Todo el personal está ya en este equipo</translation>
    </message>
    <message>
        <source>Nobody would be rung: add a tier with at least one person.</source>
        <translation>No se llamaría a nadie: añada un nivel con al menos una persona.</translation>
    </message>
    <message>
        <source>Tier %1 has nobody in it: add a person or remove the tier.</source>
        <translation>El nivel %1 no tiene a nadie: añada una persona o quite el nivel.</translation>
    </message>
    <message>
        <source>Tier %1: %2</source>
        <translation>Nivel %1: %2</translation>
    </message>
    <message>
        <source>Tier 1: rung first</source>
        <translation>Nivel 1: se llama primero</translation>
    </message>
    <message>
        <source>Tier %1: rung when nobody in tier %2 answered</source>
        <translation>Nivel %1: se llama si nadie del nivel %2 ha contestado</translation>
    </message>
    <message>
        <source>%1 (not on the staff)</source>
        <translation>%1 (no está en el personal)</translation>
    </message>
    <message>
        <source>%1 (not active)</source>
        <translation>%1 (no activo)</translation>
    </message>
    <message>
        <source>Nobody yet: choose a person below and add them.</source>
        <translation>Aún no hay nadie: elija una persona abajo y añádala.</translation>
    </message>
</context>
<context>
    <name>TimeZonePicker</name>
    <message>
        <source>%1, this computer&apos;s time zone</source>
        <translation>%1, la zona horaria de este ordenador</translation>
    </message>
    <message>
        <source>Type a city or a country</source>
        <translation>Escriba una ciudad o un país</translation>
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
        <translation>No se configuró la alternativa para cuando este equipo no puede responder: %1</translation>
    </message>
    <message>
        <source>When this computer cannot answer, Twilio %1 (already set up).</source>
        <translation>Cuando este equipo no puede responder, Twilio %1 (ya configurado).</translation>
    </message>
    <message>
        <source>Updated by Switchboard</source>
        <translation>Actualizado por Switchboard</translation>
    </message>
    <message>
        <source>The fallback for when this computer cannot answer was not updated: %1</source>
        <translation>No se actualizó la alternativa para cuando este equipo no puede responder: %1</translation>
    </message>
    <message>
        <source>When this computer cannot answer, Twilio now %1.</source>
        <translation>A partir de ahora, cuando este equipo no puede responder, Twilio %1.</translation>
    </message>
    <message>
        <source>The fallback for when this computer cannot answer was not checked: %1</source>
        <translation>No se comprobó la alternativa para cuando este equipo no puede responder: %1</translation>
    </message>
    <message>
        <source>Made by Switchboard</source>
        <translation>Creado por Switchboard</translation>
    </message>
    <message>
        <source>When this computer cannot answer, Twilio now %1 (a Studio flow named &quot;%2&quot;).</source>
        <translation>A partir de ahora, cuando este equipo no puede responder, Twilio %1 (un flujo de Studio llamado «%2»).</translation>
    </message>
    <message>
        <source>Choose the numbers this app should answer first.</source>
        <translation>Elija primero los números que debe atender esta aplicación.</translation>
    </message>
    <message>
        <source>Enter the public URL first: Twilio needs to know where to send the calls.</source>
        <translation>Indique primero la URL pública: Twilio necesita saber adónde enviar las llamadas.</translation>
    </message>
    <message>
        <source>Enter the Twilio account SID and auth token first.</source>
        <translation>Indique primero el SID de la cuenta de Twilio y el token de autenticación.</translation>
    </message>
    <message>
        <source>Nothing was changed: %1</source>
        <translation>No se cambió nada: %1</translation>
    </message>
    <message>
        <source>When this computer cannot answer, Twilio calls your own fallback URL %1; it was left as it is.</source>
        <translation>Cuando este equipo no puede responder, Twilio llama a su propia URL alternativa %1; se dejó como estaba.</translation>
    </message>
    <message>
        <source>%1: not a number of this Twilio account; nothing changed.</source>
        <translation>%1: no es un número de esta cuenta de Twilio; no se cambió nada.</translation>
    </message>
    <message>
        <source>%1: not changed. %2</source>
        <translation>%1: sin cambios. %2</translation>
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
        <translation>Uso: switchboard twilio apply
Dirige cada número enrutado (twilio.numbers) a esta aplicación: sus llamadas y cambios de estado van a la
URL pública, y cuando este equipo no puede responder, Twilio ejecuta un flujo propio (un flujo de Studio
llamado «Switchboard fallback») que llama al número de respaldo, o graba un mensaje de voz si el plan de
enrutamiento lo hace. Una Voice Fallback URL fijada a mano en twilio.voice_fallback_url se conserva.
Termina con 0 si se hizo todo y con 1 si algo no se hizo.
</translation>
    </message>
</context>
<context>
    <name>TwilioRestClient</name>
    <message>
        <source>Twilio cannot be reached because the network access has been shut down.</source>
        <translation>No se puede llegar a Twilio porque el acceso a la red se ha cerrado.</translation>
    </message>
    <message>
        <source>The Twilio API address is not a valid http or https URL.</source>
        <translation>La dirección de la API de Twilio no es una URL http o https válida.</translation>
    </message>
    <message>
        <source>The Twilio account SID is missing or is not AC followed by 32 hexadecimal digits.</source>
        <translation>Falta el Account SID de Twilio o no es AC seguido de 32 dígitos hexadecimales.</translation>
    </message>
    <message>
        <source>The Twilio API key SID is missing or contains characters that cannot be sent.</source>
        <translation>Falta el SID de la clave de API de Twilio o contiene caracteres que no se pueden enviar.</translation>
    </message>
    <message>
        <source>The Twilio API key secret is missing or contains characters that cannot be sent.</source>
        <translation>Falta el secreto de la clave de API de Twilio o contiene caracteres que no se pueden enviar.</translation>
    </message>
    <message>
        <source>The Twilio auth token is missing or contains characters that cannot be sent.</source>
        <translation>Falta el auth token de Twilio o contiene caracteres que no se pueden enviar.</translation>
    </message>
    <message>
        <source>the account %1</source>
        <translation>la cuenta %1</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a Twilio phone number SID.</source>
        <translation>«%1» no es un SID de número de teléfono de Twilio.</translation>
    </message>
    <message>
        <source>The webhook URLs are not valid http or https URLs; set the public URL first.</source>
        <translation>Las URL de webhook no son URL http o https válidas; indique primero la URL pública.</translation>
    </message>
    <message>
        <source>The voice fallback URL is not a valid http or https URL.</source>
        <translation>La URL de respaldo de voz no es una URL http o https válida.</translation>
    </message>
    <message>
        <source>the number %1</source>
        <translation>el número %1</translation>
    </message>
    <message>
        <source>Twilio&apos;s list of phone numbers has no incoming_phone_numbers.</source>
        <translation>La lista de números de teléfono de Twilio no tiene incoming_phone_numbers.</translation>
    </message>
    <message>
        <source>Twilio&apos;s list of phone numbers did not end after %1 pages; it was not loaded.</source>
        <translation>La lista de números de teléfono de Twilio no terminó tras %1 páginas; no se ha cargado.</translation>
    </message>
    <message>
        <source>Twilio&apos;s answer to the change of a number does not describe the number.</source>
        <translation>La respuesta de Twilio al cambio de un número no describe el número.</translation>
    </message>
    <message>
        <source>Twilio says the account &quot;%1&quot; is %2.</source>
        <translation>Según Twilio, la cuenta «%1» está %2.</translation>
    </message>
    <message>
        <source>Twilio did not answer within %1 ms.</source>
        <translation>Twilio no respondió en %1 ms.</translation>
    </message>
    <message>
        <source>Twilio&apos;s answer is larger than %1 MiB, so it was not read.</source>
        <translation>La respuesta de Twilio ocupa más de %1 MiB, así que no se leyó.</translation>
    </message>
    <message>
        <source>Twilio answered with something that is not a JSON object.</source>
        <translation>Twilio respondió con algo que no es un objeto JSON.</translation>
    </message>
    <message>
        <source>Could not connect to Twilio at %1: the connection was refused.</source>
        <translation>No se pudo conectar con Twilio en %1: se rechazó la conexión.</translation>
    </message>
    <message>
        <source>Could not connect to Twilio: the host %1 was not found; check the internet connection.</source>
        <translation>No se pudo conectar con Twilio: no se encontró el host %1; compruebe la conexión a internet.</translation>
    </message>
    <message>
        <source>Twilio at %1 closed the connection before answering.</source>
        <translation>Twilio en %1 cerró la conexión antes de responder.</translation>
    </message>
    <message>
        <source>Could not reach Twilio at %1: %2.</source>
        <translation>No se pudo llegar a Twilio en %1: %2.</translation>
    </message>
    <message>
        <source>HTTP %1</source>
        <translation>HTTP %1</translation>
    </message>
    <message>
        <source>Twilio refused the credentials (%1)%2.</source>
        <translation>Twilio rechazó las credenciales (%1)%2.</translation>
    </message>
    <message>
        <source>Twilio does not allow these credentials to do this (%1)%2.</source>
        <translation>Twilio no permite esta acción con estas credenciales (%1)%2.</translation>
    </message>
    <message>
        <source>Twilio does not know %1 (%2)%3.</source>
        <translation>Twilio no conoce %1 (%2)%3.</translation>
    </message>
    <message>
        <source>Twilio is limiting requests right now; try again in a minute (%1)%2.</source>
        <translation>Twilio está limitando las solicitudes ahora mismo; inténtelo de nuevo en un minuto (%1)%2.</translation>
    </message>
    <message>
        <source>Twilio answered HTTP %1 (%2)%3.</source>
        <translation>Twilio respondió HTTP %1 (%2)%3.</translation>
    </message>
    <message>
        <source>Twilio answered HTTP %1%2.</source>
        <translation>Twilio respondió HTTP %1%2.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a Twilio call SID.</source>
        <translation>«%1» no es un SID de llamada de Twilio.</translation>
    </message>
    <message>
        <source>the call %1</source>
        <translation>la llamada %1</translation>
    </message>
    <message>
        <source>Twilio&apos;s answer about a call does not describe the call.</source>
        <translation>La respuesta de Twilio sobre una llamada no describe la llamada.</translation>
    </message>
    <message>
        <source>the Studio flow</source>
        <translation>el flujo de Studio</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a Studio flow SID.</source>
        <translation>«%1» no es un SID de flujo de Studio.</translation>
    </message>
    <message>
        <source>the Studio flow %1</source>
        <translation>el flujo de Studio %1</translation>
    </message>
    <message>
        <source>Twilio&apos;s answer about a Studio flow does not describe the flow.</source>
        <translation>La respuesta de Twilio sobre un flujo de Studio no describe el flujo.</translation>
    </message>
    <message>
        <source>Twilio&apos;s list of Studio flows has no flows.</source>
        <translation>La lista de flujos de Studio de Twilio no contiene flujos.</translation>
    </message>
    <message>
        <source>The instructions for the call are longer than Twilio&apos;s limit of %1 characters.</source>
        <translation>Las instrucciones de la llamada superan el límite de Twilio de %1 caracteres.</translation>
    </message>
    <message>
        <source>The instructions for the call are not a TwiML &lt;Response&gt; document.</source>
        <translation>Las instrucciones de la llamada no son un documento TwiML &lt;Response&gt;.</translation>
    </message>
    <message>
        <source>The address the call should be sent to is not a valid http or https URL.</source>
        <translation>La dirección a la que debe ir la llamada no es una URL http o https válida.</translation>
    </message>
    <message>
        <source>There is no number to call.</source>
        <translation>No hay ningún número al que llamar.</translation>
    </message>
    <message>
        <source>There is no caller ID to call from.</source>
        <translation>No hay ningún identificador de llamada desde el que llamar.</translation>
    </message>
    <message>
        <source>A new call needs either the address of its instructions or the instructions themselves.</source>
        <translation>Una llamada nueva necesita la dirección de sus instrucciones o las instrucciones mismas.</translation>
    </message>
    <message>
        <source>The address of the call&apos;s instructions is not a valid http or https URL.</source>
        <translation>La dirección de las instrucciones de la llamada no es una URL http o https válida.</translation>
    </message>
    <message>
        <source>The status callback URL of the call is not a valid http or https URL.</source>
        <translation>La URL de devolución de estado de la llamada no es una URL http o https válida.</translation>
    </message>
    <message>
        <source>A call can ring from 1 to %1 seconds, not %2.</source>
        <translation>Una llamada puede sonar de 1 a %1 segundos, no %2.</translation>
    </message>
    <message>
        <source>The call has already ended.</source>
        <translation>La llamada ya ha terminado.</translation>
    </message>
    <message>
        <source>Twilio cannot call that number: it is not a valid phone number, or not one it can reach.</source>
        <translation>Twilio no puede llamar a ese número: no es un número válido o no es uno al que pueda llegar.</translation>
    </message>
    <message>
        <source>Twilio cannot call %1: it is not a valid phone number, or not one it can reach.</source>
        <translation>Twilio no puede llamar a %1: no es un número válido o no es uno al que pueda llegar.</translation>
    </message>
    <message>
        <source>Twilio will not call from %1: the caller ID must be one of the account&apos;s numbers or a verified caller ID.</source>
        <translation>Twilio no llamará desde %1: el identificador de llamada debe ser un número de la cuenta o uno verificado.</translation>
    </message>
    <message>
        <source>that number</source>
        <translation>ese número</translation>
    </message>
    <message>
        <source>The Twilio account is not allowed to call %1: its voice geographic permissions leave that country out.</source>
        <translation>La cuenta de Twilio no puede llamar a %1: sus permisos geográficos de voz excluyen ese país.</translation>
    </message>
    <message>
        <source>Twilio does not know this call.</source>
        <translation>Twilio no conoce esta llamada.</translation>
    </message>
</context>
<context>
    <name>TwilioSetup</name>
    <message>
        <source>(nothing)</source>
        <translation>(nada)</translation>
    </message>
    <message>
        <source>this app</source>
        <translation>esta aplicación</translation>
    </message>
    <message>
        <source>%1 set to %2</source>
        <translation>%1 establecido en %2</translation>
    </message>
    <message>
        <source>%1 removed (was %2)</source>
        <translation>%1 eliminado (era %2)</translation>
    </message>
    <message>
        <source>%1 changed from %2 to %3</source>
        <translation>%1 cambiado de %2 a %3</translation>
    </message>
    <message>
        <source>calls go to the TwiML App %1 instead of the voice URL</source>
        <translation>las llamadas van a la TwiML App %1 en lugar de a la URL de voz</translation>
    </message>
    <message>
        <source>calls go to the SIP trunk %1 instead of the voice URL</source>
        <translation>las llamadas van al troncal SIP %1 en lugar de a la URL de voz</translation>
    </message>
    <message>
        <source>calls go to %1</source>
        <translation>las llamadas van a %1</translation>
    </message>
    <message>
        <source>calls are sent with %1 instead of POST</source>
        <translation>las llamadas se envían con %1 en lugar de POST</translation>
    </message>
    <message>
        <source>call status changes go to %1</source>
        <translation>los cambios de estado de las llamadas van a %1</translation>
    </message>
    <message>
        <source>voice URL</source>
        <translation>URL de voz</translation>
    </message>
    <message>
        <source>voice method changed from %1 to %2</source>
        <translation>método de voz cambiado de %1 a %2</translation>
    </message>
    <message>
        <source>voice fallback URL</source>
        <translation>URL de respaldo de voz</translation>
    </message>
    <message>
        <source>status callback set</source>
        <translation>devolución de estado establecida</translation>
    </message>
    <message>
        <source>status callback</source>
        <translation>devolución de estado</translation>
    </message>
    <message>
        <source>already pointed here; nothing changed</source>
        <translation>ya apunta aquí; no se ha cambiado nada</translation>
    </message>
    <message>
        <source> — but Twilio still sends its calls to the TwiML App %1: in the Twilio console, set &quot;A call comes in&quot; to Webhook</source>
        <translation> — pero Twilio sigue enviando sus llamadas a la TwiML App %1: en la consola de Twilio, ponga «A call comes in» en Webhook</translation>
    </message>
    <message>
        <source> — but Twilio still sends its calls to the SIP trunk %1: remove the number from the trunk in the Twilio console</source>
        <translation> — pero Twilio sigue enviando sus llamadas al troncal SIP %1: quite el número del troncal en la consola de Twilio</translation>
    </message>
</context>
<context>
    <name>TwilioWebhookHandler</name>
    <message>
        <source>The request body is larger than 64 KiB.</source>
        <translation>El cuerpo de la solicitud ocupa más de 64 KiB.</translation>
    </message>
    <message>
        <source>The webhook token in the URL is not this app&apos;s token.</source>
        <translation>El token de webhook de la URL no es el de esta aplicación.</translation>
    </message>
    <message>
        <source>Webhooks cannot be verified: twilio.auth_token is not set.</source>
        <translation>No se pueden verificar los webhooks: twilio.auth_token no está configurado.</translation>
    </message>
    <message>
        <source>The request has no X-Twilio-Signature header.</source>
        <translation>La solicitud no tiene la cabecera X-Twilio-Signature.</translation>
    </message>
    <message>
        <source>The X-Twilio-Signature does not match this request.</source>
        <translation>La X-Twilio-Signature no coincide con esta solicitud.</translation>
    </message>
    <message>
        <source>The request is signed with a customer-owned key (X-Twilio-Webhooks-Signature-Settings), which this app does not check; switch the number&apos;s webhooks back to auth-token signatures.</source>
        <translation>La solicitud está firmada con una clave propia del cliente (X-Twilio-Webhooks-Signature-Settings), que esta aplicación no comprueba; vuelva a poner los webhooks del número con firmas del token de autenticación.</translation>
    </message>
    <message>
        <source>The field %1 does not hold a Twilio SID.</source>
        <translation>El campo %1 no contiene un SID de Twilio.</translation>
    </message>
    <message>
        <source>The call named in the URL is not a Twilio call SID.</source>
        <translation>La llamada indicada en la URL no es un SID de llamada de Twilio.</translation>
    </message>
    <message>
        <source>The URL does not name which leg of the call answered.</source>
        <translation>La URL no indica qué tramo de la llamada contestó.</translation>
    </message>
    <message>
        <source>The URL does not say where the call is to be moved.</source>
        <translation>La URL no dice adónde mover la llamada.</translation>
    </message>
    <message>
        <source>The URL does not name which step of the call-back this is.</source>
        <translation>La URL no dice qué paso de la devolución de llamada es este.</translation>
    </message>
</context>
<context>
    <name>VoicemailPlayer</name>
    <message>
        <source>Position in the voicemail</source>
        <translation>Posición en el mensaje</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <comment>position, length</comment>
        <translation>%1 de %2</translation>
    </message>
    <message>
        <source>This recording cannot be played here. Save it and open it with another program.</source>
        <translation>Esta grabación no se puede reproducir aquí. Guárdela y ábrala con otro programa.</translation>
    </message>
    <message>
        <source>This recording cannot be played here.</source>
        <translation>Esta grabación no se puede reproducir aquí.</translation>
    </message>
    <message>
        <source>This recording cannot be played here: %1</source>
        <translation>Esta grabación no se puede reproducir aquí: %1</translation>
    </message>
    <message>
        <source>This computer cannot play audio from Switchboard. Save the voicemail and open it with another program.</source>
        <translation>Este ordenador no puede reproducir audio desde Switchboard. Guarde el mensaje y ábralo con otro programa.</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Pausa</translation>
    </message>
    <message>
        <source>Play</source>
        <translation>Reproducir</translation>
    </message>
    <message>
        <source>Pause the voicemail</source>
        <translation>Pausar el mensaje</translation>
    </message>
    <message>
        <source>Play the voicemail</source>
        <translation>Reproducir el mensaje</translation>
    </message>
</context>
<context>
    <name>WebhookServer</name>
    <message>
        <source>Cannot listen on %1:%2: %3</source>
        <translation>No se puede escuchar en %1:%2: %3</translation>
    </message>
</context>
<context>
    <name>WeeklyHoursEditor</name>
    <message>
        <source>No weekly hours yet, so nobody on these hours is ever rung. Add a window.</source>
        <translation>Aún no hay horario semanal, así que nunca se llama a nadie con este horario. Añada una franja.</translation>
    </message>
    <message>
        <source>Add &amp;window</source>
        <translation>Añadir &amp;franja</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Desde</translation>
    </message>
    <message>
        <source>To</source>
        <translation>Hasta</translation>
    </message>
    <message>
        <source>A window whose To is before its From runs past midnight into the next day; the same time in both means 24 hours.</source>
        <translation>Una franja cuyo «Hasta» es anterior a su «Desde» pasa de la medianoche al día siguiente; la misma hora en ambos significa 24 horas.</translation>
    </message>
    <message>
        <source>%1, window %2</source>
        <translation>%1, franja %2</translation>
    </message>
    <message>
        <source>From, window %1</source>
        <translation>Desde, franja %1</translation>
    </message>
    <message>
        <source>To, window %1</source>
        <translation>Hasta, franja %1</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Quitar</translation>
    </message>
    <message>
        <source>Remove window %1</source>
        <translation>Quitar la franja %1</translation>
    </message>
    <message>
        <source>Tick at least one day.</source>
        <translation>Marque al menos un día.</translation>
    </message>
</context>
<context>
    <name>WelcomePage</name>
    <message>
        <source>Welcome to Switchboard</source>
        <translation>Bienvenido a Switchboard</translation>
    </message>
    <message>
        <source>In about five minutes Switchboard will answer your practice&apos;s phone numbers: callers with a booking talk to your AI receptionist, everyone else rings a person, and nobody is dropped.</source>
        <translation>En unos cinco minutos Switchboard atenderá los teléfonos de su consulta: quien tenga cita hablará con su recepcionista de IA, los demás con una persona, y no se perderá ninguna llamada.</translation>
    </message>
    <message>
        <source>Have these at hand:</source>
        <translation>Tenga a mano:</translation>
    </message>
    <message>
        <source>your Twilio account&apos;s SID and auth token (the Twilio console&apos;s home page shows both)</source>
        <translation>el SID y el auth token de su cuenta de Twilio (la página de inicio de la consola de Twilio muestra ambos)</translation>
    </message>
    <message>
        <source>the phone that should ring when nobody else can take a call</source>
        <translation>el teléfono que debe sonar cuando nadie más pueda atender una llamada</translation>
    </message>
    <message>
        <source>your Retell agent, if you use one (you can skip it)</source>
        <translation>su agente de Retell, si usa uno (puede omitirlo)</translation>
    </message>
    <message>
        <source>a tunnel or port-forward that gives this computer an https address</source>
        <translation>un túnel o un reenvío de puertos que dé a este ordenador una dirección https</translation>
    </message>
    <message>
        <source>What you enter is saved page by page: you can stop at any time and go on later from Setup → Run the assistant again.</source>
        <translation>Lo que escriba se guarda página a página: puede parar en cualquier momento y seguir más tarde desde Configuración → Volver a ejecutar el asistente.</translation>
    </message>
</context>
<context>
    <name>WrittenDateTime</name>
    <message>
        <source>%1 or %2</source>
        <translation>%1 o %2</translation>
    </message>
</context>
</TS>
