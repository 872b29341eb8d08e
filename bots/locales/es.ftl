# CLONES Forge — Español

language-name = Español
welcome =
    👋 Bienvenido a **CLONES Forge**, donde la gente gana enseñando a agentes de IA habilidades reales con el ordenador.

    🏭 Los **creadores** financian fábricas que reúnen demostraciones de las habilidades que necesitan.
    🧑‍🌾 Los **granjeros** graban tareas con el grabador Forge y cobran según la calidad.
    📣 Los **embajadores** comparten su enlace y ganan con cada demostración pagada de las personas que traen.

    ¿Qué quieres hacer?
welcome-back = 👋 ¡Hola de nuevo! ¿Qué quieres hacer?
joined-through = 🤝 Te uniste a través de { $referrer }.
referral-new = 🎉 { $referee } se unió con tu enlace. Ganarás comisiones por su actividad pagada.
referral-already = Ya te uniste con otra invitación; cuenta la primera.
nav-create = 🏭 Crear una fábrica
nav-browse = 🔎 Ver fábricas
nav-invite = 📣 Invitar amigos
nav-profile = 👤 Mi perfil
nav-help = ❓ Ayuda
back = ⬅️ Atrás

help-title = **Comandos**
cmd-start = Empezar o volver al menú principal
cmd-help = Esta lista de comandos
cmd-language = Cambiar el idioma
cmd-wallet = Tus billeteras
cmd-newfactory = Crear una fábrica (guiado)
cmd-factories = Tus fábricas
cmd-browse = Fábricas activas para trabajar
cmd-submit = Grabar y enviar una demostración
cmd-history = Tus envíos y puntuaciones
cmd-earnings = Lo que has ganado
cmd-profile = XP, nivel, reputación
cmd-invite = Tu enlace de invitación
cmd-referrals = Personas que invitaste
cmd-tier = Tu nivel de staking
cmd-commissions = Tus comisiones
cmd-leaderboard = Mejores granjeros
cmd-cancel = Cancelar lo que estás haciendo
cmd-admin = Herramientas de administración
help-footer = Consejo: los botones hacen todo lo que hacen los comandos.

unknown-command = No conozco ese comando. Envía /help para ver lo que puedo hacer.
unknown-message = Envía /help para ver lo que puedo hacer.
private-only = Te lo he enviado por mensaje privado, donde tus datos siguen siendo privados.
private-only-failed = Abre primero un chat privado conmigo y vuelve a intentarlo.
error-generic = 😕 Algo falló de nuestro lado. Quedó registrado (ref { $ref }). Inténtalo de nuevo.
language-choose = Elige tu idioma:
language-set = ✅ Idioma cambiado a español.

profile =
    👤 **Tu perfil**
    Nivel { $level } · { $xp } XP (siguiente nivel con { $next } XP)
    Reputación: { $reputation }/100
    Bonificación de XP: { $boost }
profile-wallets = Billeteras: { $wallets }
profile-no-wallets = Aún no tienes billetera vinculada: /wallet
boost-none = ninguna
boost-active = ×{ $multiplier }

wallet-title = 👛 **Tus billeteras**
wallet-none = Aún no tienes ninguna billetera vinculada.
wallet-how = Para vincular una, paga una cantidad mínima de verificación desde ella o firma un mensaje con ella. Nunca te pediremos tu frase semilla ni tu clave privada.

invite =
    📣 **Tu enlace de invitación**
    { $link }

    Quienes se unan con él serán tuyos para siempre. Ganas { $rate } de la recompensa de cada demostración que se les pague, de la comisión de la plataforma, según tu nivel de staking.
invite-unstaked = Aún no tienes staking, así que por ahora ganas 0%: haz staking de CLONES para ganar del 1 al 5% (mira /tier). Las personas que traigas ahora seguirán siendo tuyas.
invite-share = 📤 Compartir
invite-share-text = Gana enseñando a agentes de IA habilidades reales con el ordenador en CLONES Forge
referrals-none = Nadie se ha unido todavía con tu enlace. Compártelo con /invite.
referrals-title = 🤝 **Personas que invitaste** ({ $count })
referrals-line = • { $name } — se unió el { $date }{ $earned }
referrals-earned = , te ha hecho ganar { $amount }

tier =
    🪙 **Nivel de staking { $tier }** — comisión { $rate }
    En staking: { $staked } CLONES
tier-next = El nivel { $next } necesita { $needed } CLONES más.
tier-top = Estás en el nivel más alto.
tier-unknown-supply = 🪙 Los niveles de staking están desactivados en este servidor: no tiene un suministro total de CLONES con el que medir lo stakeado, así que todo nivel (y toda comisión por referidos) queda en 0% hasta que su operador configure CLONES_MINT y SOLANA_RPC_URL (entonces el suministro se lee de la cadena) o CLONES_SUPPLY.

commissions-none = Aún no tienes comisiones. Llegan cuando se paga a las personas que invitaste.
commissions-title = 💸 **Tus comisiones**
earnings-none = Aún no has ganado nada. Encuentra una fábrica con /browse.
earnings-role-farmer = 🧑‍🌾 **Como granjero**
earnings-role-ambassador = 📣 **Como embajador** (comisiones)
earnings-role-creator = 🏭 **Retirado de tus fábricas**
earnings-role-staker = 🪙 **CLONES retirados del staking**
earnings-paid = { $amount } pagados
earnings-in-flight = { $amount } en camino
earnings-owed = { $amount } pendientes
earnings-net = Los importes de granjero son lo que recibes, después de la comisión del 10% de la plataforma.
earnings-owed-hint = Lo pendiente se envía con los próximos pagos cuando hayas vinculado una billetera (/wallet) y sume al menos { $minimums }.
earnings-title = 💰 **Tus ganancias**

factories-none = Aún no tienes fábricas.
factories-title = 🏭 **Tus fábricas**
factory-new = ➕ Nueva fábrica
factory-card =
    🏭 **{ $name }** — { $status }
    { $useCase }

    Recompensa: { $reward } por demostración (se paga desde una puntuación de { $threshold })
    Límites por granjero: { $limits }
    Tareas: { $tasks }

    📊 Envíos { $submissions } · puntuados { $settled } · pagados { $paid } · puntuación media { $average }
    Gastado { $spent } · disponible { $available }
status-active = 🟢 activa
status-paused = ⏸ en pausa
status-closed = ⛔ cerrada
limits-none = ninguno
limit-per-task = { $n } por tarea
limit-per-day = { $n } por día
limit-total = { $n } en total
factory-pause = ⏸ Pausar
factory-resume = ▶️ Reanudar
factory-close = ⛔ Cerrar
factory-fund = 💳 Financiar
factory-refresh = 🔄 Actualizar
factory-open = 🏭 Abrir su ficha
factory-close-confirm = ¿Cerrar **{ $name }** para siempre? Los envíos reservados se liquidan igualmente y podrás retirar lo que quede.
factory-close-yes = Sí, cerrarla
factory-paused = ⏸ En pausa. Los granjeros no pueden iniciar nuevos envíos; puedes retirar lo que queda desde la tarjeta.
factory-resumed = ▶️ Activa de nuevo.
factory-closed = ⛔ Cerrada. Los envíos reservados se liquidan igualmente; retira lo que queda con el botón 💸 de la tarjeta.
factory-fund-soon = La financiación con Solana Pay está desactivada en este bot: su operador aún no configuró la wallet de tesorería (el ajuste TREASURY_ADDRESS, con SOLANA_RPC_URL para que se vean los pagos). Tu fondo: { $available }.

browse-none = No hay fábricas activas ahora mismo. ¡Vuelve pronto!
browse-none-open = Ninguna puede pagar una nueva demostración ahora mismo: sus fondos esperan financiación.
browse-waiting = ⏳ Esperando financiación (sus fondos aún no pueden pagar una demostración):
browse-waiting-line = • { $name }
browse-title = 🔎 **Fábricas activas** (página { $page } de { $pages })
browse-line = { $name } · { $reward }
browse-prev = ◀️ Anterior
browse-next = Siguiente ▶️
browse-factory =
    🏭 **{ $name }**
    { $useCase }

    Ganas hasta { $reward } por demostración (tras la comisión del 10% de la plataforma), se paga desde una puntuación de { $threshold }.
    Elige una tarea para grabar:
browse-task = 🎬 { $title }

submit-install-ask = pide el grabador al operador de este bot: no está publicado en npm
submit-pick = ¿Qué fábrica? Elige una en /browse.
submit-instructions =
    🎬 **{ $task }** para { $factory }
    { $prompt }

    1. Instala el grabador Forge (necesita Node.js 20+ y ffmpeg): `{ $install }`
    2. Vincúlalo a tu cuenta: `{ $login }`
    3. Graba: `forge record`
    4. Revisa, procesa y sube: forge process, luego forge upload

    El código de vinculación sirve una vez y caduca en 15 minutos.{ $files ->
        [yes] { " " }{ submit-send-zip }
       *[no] { "" }
    }
# Only where the bot takes recordings sent in chat ($files "yes": Telegram; Discord takes no files).
submit-send-zip = También puedes enviarme aquí el zip de la grabación.

history-none = Aún no hay envíos. Empieza con /browse.
history-title = 📜 **Tus envíos**
history-line = • { $when } { $factory } — { $task }: { $status }
history-open-grade = 🔎 { $when } { $task }
grade-pending = ⏳ Esta grabación aún se está evaluando; te escribiré con el resultado.
sub-reserved = ⏳ puntuándose
sub-settled = puntuación { $score }, ganado { $net }
sub-released = ✖️ retirado
sub-rejected = ❌ rechazada
sub-below = puntuación { $score }, por debajo del mínimo de { $threshold }: sin pago
sub-topup = 🔁 apelación: puntuación { $score }, ganado { $net } más

leaderboard-title = 🏆 **Mejores granjeros**
leaderboard-line = { $rank }. { $name } — nivel { $level }, { $xp } XP
leaderboard-none = Aún no hay granjeros.

admin-only = Este comando es para administradores.
admin-stats =
    🛠 **Plataforma**
    Fábricas activas: { $live }

conv-cancelled = Cancelado. No se guardó nada.
conv-cancel = ✖️ Cancelar
nf-name = 🏭 **Nueva fábrica** (1/8). ¿Cómo se llama? (hasta 80 caracteres)
nf-usecase = (2/8) Describe el caso de uso: ¿qué deben aprender los agentes de estas demostraciones?
nf-tasks =
    (3/8) Enumera las tareas (habilidades) a capturar, una por línea, así:
    Título: lo que debe hacer el granjero
nf-token = (4/8) ¿En qué token pagarás las recompensas?
nf-reward = (5/8) ¿Recompensa por una demostración perfecta, en { $token }? (p. ej. 2.5)
nf-threshold = (6/8) ¿Puntuación mínima para pagar, { $min }–100? (recomendado { $min })
nf-limits = (7/8) Límites por granjero como "por tarea, por día, total" (p. ej. 3, 10, 50), o "ninguno".
nf-confirm =
    (8/8) Revisa, por favor:
    {"**"}{ $name }**
    { $useCase }
    Tareas: { $tasks }
    Recompensa: { $reward } · umbral { $threshold } · límites: { $limits }
nf-create = ✅ Crearla
nf-created = 🎉 Fábrica creada. Financia su fondo para que los granjeros puedan empezar.
retry-text = Envía texto, por favor.
retry-name = Envía un nombre de 1 a 80 caracteres, con al menos una letra, número o símbolo visible.
retry-usecase = Describe el caso de uso en 1 a 1000 caracteres.
retry-tasks = Envía de 1 a 50 líneas, cada una "Título: qué hacer".
retry-amount = No puedo usar esa cantidad: { $reason }
retry-threshold = Envía un número entero de { $min } a 100.
retry-limits = Envía tres números enteros como "3, 10, 50" (0 = sin límite), o "ninguno".

wizard-expired = ⌛ Esa pregunta caducó tras un día sin respuesta; no se guardó nada. Empieza de nuevo cuando quieras.
wizard-unknown-field = Esa respuesta no es de este paso.
wizard-field-error = ⚠️ **{ $field }**: { $problem }
wizard-label-name = Nombre
wizard-label-usecase = Caso de uso
wizard-label-tasks = Tareas, una por línea
wizard-label-token = Token de la recompensa
wizard-label-threshold = Puntuación mínima para pagar
wizard-label-limits = Límites: por tarea, por día, total
wizard-label-amount = Cantidad
wizard-placeholder-tasks = Título: lo que debe hacer el granjero
wizard-placeholder-threshold = 70
wizard-placeholder-limits = 3, 10, 50
wizard-placeholder-amount = 2,5

error-INVALID_INPUT = Ese dato no es válido.
error-AMOUNT_INVALID = Envía un número positivo simple, como 12,5 o 1.234,5.
error-AMOUNT_TOO_PRECISE = Ese token no tiene tantos decimales.
error-AMOUNT_OUT_OF_RANGE = Esa cantidad es demasiado grande.
error-TOKEN_UNKNOWN = Ese token no está disponible.
error-ACCOUNT_NOT_FOUND = No encontré esa cuenta.
error-IDENTITY_TAKEN = Esa cuenta ya está vinculada a otra persona.
error-WALLET_TAKEN = Esa billetera ya está vinculada a otra cuenta.
error-WALLET_INVALID = Esa no es una dirección de Solana.
error-REFERRAL_CODE_UNKNOWN = Ese enlace de invitación no es válido.
error-REFERRAL_SELF = No puedes invitarte a ti mismo.
error-REFERRAL_ALREADY_SET = Ya te uniste con otra invitación; cuenta la primera.
error-REFERRAL_CYCLE = Esa invitación formaría un bucle, así que no se puede usar.
error-FACTORY_NOT_FOUND = Esa fábrica no existe (ya).
error-FACTORY_NOT_OWNER = Solo el dueño de la fábrica puede hacer eso.
error-FACTORY_NOT_LIVE = Esa fábrica no acepta envíos ahora mismo.
error-FACTORY_CLOSED = Esa fábrica está cerrada.
error-FACTORY_STATUS_UNCHANGED = Ya está así.
error-TASK_NOT_FOUND = Esa tarea no existe (ya).
error-THRESHOLD_TOO_LOW = El umbral de calidad no puede ser menor que 50.
error-POOL_EXHAUSTED = El fondo de recompensas de esta fábrica está vacío: le queda demasiado poco para pagar una demostración. Vuelve a aceptar grabaciones cuando su creador lo financie; elige otra fábrica en /browse.
error-INSUFFICIENT_FUNDS = No hay suficiente en el fondo para eso.
error-LIMIT_PER_TASK_REACHED = Has alcanzado el límite de esta fábrica para esa tarea.
error-LIMIT_PER_DAY_REACHED = Has alcanzado el límite diario de esta fábrica. ¡Vuelve mañana!
error-LIMIT_TOTAL_REACHED = Has alcanzado el límite total de esta fábrica.
error-NOTHING_MORE_TO_EARN = Ya tienes una puntuación perfecta en esa tarea.
error-SUBMISSION_NOT_FOUND = No encontré ese envío.
error-SUBMISSION_NOT_PENDING = Ese envío ya se gestionó.
error-SCORE_INVALID = Esa puntuación no es válida.
error-NOT_ALLOWED = Eso no está permitido ahora mismo.
error-TOKEN_MISMATCH = Ese pago era en otro token.
error-IDEMPOTENCY_CONFLICT = Esa solicitud choca con una anterior.
error-LEDGER_UNBALANCED = Algo falló de nuestro lado.
error-PAYMENTS_NOT_CONFIGURED = Los pagos en Solana están desactivados en este bot: su operador aún no configuró la wallet de tesorería (el ajuste TREASURY_ADDRESS, con SOLANA_RPC_URL para que se vean los pagos). Hasta entonces no se puede pagar ni vincular nada; avisa al operador del bot.
error-RECORDING_NOT_FOUND = No encontré esa grabación.
error-RECORDING_NOT_GRADED = Esa grabación aún no tiene nota: puedes apelar cuando llegue.
error-APPEAL_ALREADY_USED = Ya apelaste la nota de esta grabación: cada grabación tiene una sola revisión.
error-APPEAL_CANNOT_CHANGE = Esta grabación no fue aceptada por un motivo que una nueva evaluación de los mismos archivos no puede cambiar. Graba la tarea de nuevo y sube la nueva grabación.
error-LLM_UNAVAILABLE = El asistente de evaluación no está disponible ahora; tu grabación se evalúa sin él.
error-LLM_BAD_RESPONSE = El asistente de evaluación dio una respuesta inutilizable; tu grabación se evalúa sin él.

factory-edit = ✏️ Editar
edit-choose = ✏️ ¿Qué quieres cambiar?
edit-reward = 💰 Recompensa
edit-threshold = 🎯 Umbral
edit-limits = 🚦 Límites
edit-add-task = ➕ Añadir una tarea
edit-remove-task = ➖ Quitar una tarea
edit-ask-reward = ¿Nueva recompensa por demostración perfecta, en { $token }? (ahora { $current })
edit-ask-threshold = ¿Nueva puntuación mínima para pagar, { $min }–100? (ahora { $current })
edit-ask-limits = Nuevos límites por granjero como "por tarea, por día, total" (p. ej. 3, 10, 50), o "ninguno". (ahora { $current })
edit-ask-task = Envía la nueva tarea como "Título: lo que debe hacer el granjero".
edit-pick-task = ¿Qué tarea quitamos? Los envíos ya hechos se liquidan igualmente.
edit-saved = ✅ Guardado.
commissions-by-referral = Por persona:
commissions-last-30-days = Últimos 30 días: { $amounts }
fund-ask-amount = 💳 ¿Cuánto { $token } quieres añadir a **{ $name }**? (fondo actual { $available })
fund-request =
    💳 Paga { $amount } para financiar **{ $name }**.
    Escanea el código QR o abre el enlace en tu billetera. El fondo se acredita en cuanto se confirma el pago. Paga antes de { $expires }; un pago que llegue después también se acredita.
fund-open-wallet = 👛 Abrir en la billetera
doc-pick-task-first = Para enviar una grabación, elige primero la tarea de la fábrica a la que corresponde: /browse
doc-not-zip = Envía la grabación como el archivo .zip que crea el grabador Forge.
doc-too-large = Ese archivo supera los { $limit } MB, lo máximo que puedo recibir aquí. Súbelo con: forge upload
doc-not-enabled = Las grabaciones enviadas por chat se aceptarán cuando las subidas estén activadas en este servidor. Mientras tanto usa: forge upload
doc-received = 📥 Recibido { $name } para { $task }. La puntuación ha empezado; te escribiré con el resultado.
doc-checking = ⏳ Revisando { $name }…
doc-rejected = No pude aceptar esta grabación: { $reason }
wallet-link = 🔗 Vincular una billetera
wallet-verify-request =
    🔗 Paga { $amount } desde la billetera que quieres vincular: la billetera que pague esta solicitud pasa a ser tuya aquí. Nunca se te pedirá nada más: ni frase semilla ni clave privada.
    Paga antes de { $expires }; un pago que llegue después también vincula la billetera.
tier-stake = 🪙 Hacer staking de CLONES
stake-ask-amount = 🪙 ¿Cuántos CLONES quieres poner en staking? (tienes { $staked } en staking)
stake-request =
    🪙 Paga { $amount } a la bóveda de staking. Tu nivel se actualiza en cuanto se confirme el pago. Paga antes de { $expires }; un pago que llegue después también cuenta.
payment-credited = ✅ Pago recibido: { $amount } para { $what }. { $detail }
payment-short = Faltaron { $missing } respecto a la solicitud; envía el resto con una nueva solicitud.
payment-pool-now = Fondo actual: { $available }.
payment-what-fund = { $name }
payment-what-stake = tu staking
payment-what-verify = verificación de billetera ({ $wallet } ya está vinculada)
admin-unattributed = 💸 Pagos sin asignar
admin-unattributed-none = No hay pagos sin asignar.
admin-unattributed-title = 💸 **Pagos que no corresponden a ninguna solicitud** (los más recientes primero)
admin-unattributed-line = • { $amount } de { $payer }: { $link }
admin-queues = 📋 Colas
admin-queues-off = 📋 El panel de colas está desactivado: configura PUBLIC_URL con la dirección pública del servidor (también necesita Redis, que funciona por defecto); estará entonces en PUBLIC_URL/admin/queues.
admin-queues-link = 📋 Tu enlace de acceso al panel de colas, para un solo uso en los próximos { $minutes } minutos. Quien lo abra entra en tu nombre: no lo compartas. { $url }
tier-unstake = 📤 Retirar staking
unstake-ask-amount = 📤 ¿Cuántos CLONES quieres retirar del staking? (en staking: { $staked }) Salen de tu staking ahora y te los debemos tras un periodo de espera de 7 días; después los pagos los envían a tu billetera.
unstake-started = 📤 Retirando { $amount } del staking: tu nivel es ahora { $tier }. Te los debemos a partir del { $date }; recibirás un mensaje con el enlace de la transacción cuando se envíen.
payment-request-seen = 👀 Pago visto en la cadena: esperando la confirmación (unos segundos). { $link }
payment-request-paid = ✅ Pagado: { $amount } recibido. ¡Gracias! { $link }
payment-tx-link = Transacción: { $link }
payment-request-finalized = ✅ Pagado y finalizado en la cadena: { $amount } recibido. { $link }
wallet-sign = ✍️ Firmar un mensaje
wallet-sign-challenge =
    ✍️ Firma este mensaje exacto con la billetera que quieres vincular (la función "firmar mensaje" de tu billetera, o `solana sign-offchain-message` con la CLI de Solana). Vale 10 minutos y una sola vez:
    ```
    { $message }
    ```
wallet-sign-secret = ⛔ Eso parece una frase semilla o una clave privada. No la compartas con nadie: mueve tus fondos a una billetera nueva si crees que alguien la vio. Solo necesito la dirección y la firma.
wallet-sign-linked = ✅ La billetera { $wallet } ya está vinculada a tu cuenta.
wallet-sign-SIGNATURE_INVALID = ⚠️ Esa firma no corresponde a esta billetera y este mensaje. Comprueba que firmaste exactamente el mensaje de arriba con esa billetera y envíala de nuevo.
wallet-sign-CHALLENGE_EXPIRED = ⌛ Ese mensaje caducó o ya se usó. Abre /wallet para obtener uno nuevo.
wallet-sign-WALLET_TAKEN = ⚠️ Esa billetera ya está vinculada a otra cuenta.
wallet-sign-WALLET_INVALID = ⚠️ Esa no es una dirección de billetera de Solana.
wallet-sign-ACCOUNT_NOT_FOUND = ⚠️ No encontré tu cuenta. Envía /start e inténtalo de nuevo.
grade-title = 🧪 **Tu grabación obtuvo { $score }/100** ({ $factory } — { $task })
grade-regraded = 🔁 **Nueva evaluación tras tu apelación: { $score }/100** (antes { $before }).
grade-rejected-title = ❌ **Tu grabación no fue aceptada** ({ $factory } — { $task })
grade-rejected-next = No se pagó nada y la recompensa reservada volvió al fondo. Graba la tarea de nuevo y sube la nueva grabación; una apelación revisaría los mismos archivos, así que no se ofrece.
grade-advice-title = **Lo que más puntos costó**
grade-advice-line = • { $name } (−{ $lost }): { $advice }
grade-advice-completeness = deja el grabador en marcha del primer paso al último, sin cortar ni editar el registro.
grade-advice-activity = avanza por la tarea a ritmo constante; las pausas largas y pocas acciones puntúan bajo.
grade-advice-idle = pausa el grabador (Ctrl+Alt+P) mientras lees o piensas, en lugar de dejarlo grabando sin actividad.
grade-advice-relevance = haz la tarea que pidió la fábrica, en la aplicación que indica.
grade-advice-efficiency = evita deshacer y repetir pasos; piensa el paso antes de hacer clic.
grade-advice-llm = sigue las instrucciones de la tarea hasta el final para que la revisión con IA vea cada paso hecho.
grade-topup-refused = ⚠️ La nota más alta queda, pero la diferencia no se pudo pagar: { $reason }
grade-nothing-more = ✅ Aceptada, pero no suma nada sobre tu mejor demostración anterior de esta tarea.
grade-below = Por debajo del mínimo de esta fábrica ({ $threshold }): esta vez no hay pago.
grade-breakdown = **Desglose**
grade-component = • { $name }: { $points } de { $weight }
grade-reasons = **Por qué**
grade-appeal-hint = ¿Crees que la nota está mal? Puedes apelar una vez: la grabación se evalúa de nuevo.
grade-appeal = 🔁 Apelar esta nota
grade-appeal-queued = 🔁 Apelación recibida: tu grabación se está evaluando de nuevo. Te diré el resultado.
grading-delayed = ⏳ La evaluación de tu grabación ({ $factory } — { $task }) se retrasa por un problema de nuestra parte. La grabación está guardada y aún no se ha puntuado; se evaluará en cuanto se resuelva el problema y te escribiré con el resultado.
grading-delayed-regrade = ⏳ La nueva evaluación tras tu apelación ({ $factory } — { $task }) se retrasa por un problema de nuestra parte. Mientras tanto tu nota actual se mantiene; la grabación se evaluará de nuevo en cuanto se resuelva el problema y te escribiré con el resultado.
grade-part-completeness = Completa y en orden
grade-part-activity = Actividad
grade-part-idle = Poco tiempo inactivo
grade-part-relevance = Relevante para la tarea
grade-part-efficiency = Eficiente
grade-part-llm = Revisión con IA
reason-archive_invalid = El archivo no es válido.
reason-schema_invalid = meta.json o el registro de eventos no son válidos.
reason-video_undecodable = El vídeo no se puede decodificar (cortado o dañado).
reason-duration_mismatch = El vídeo dura { $videoSeconds } s pero los eventos cubren { $eventSeconds } s.
reason-near_duplicate = { $whose ->
    [own] Es una copia de una de tus grabaciones anteriores: cada grabación se paga una sola vez.
   *[other] Es un { $percent }% similar a la grabación de otra cuenta.
}
reason-events_out_of_order = { $count ->
    [one] { $count } evento está fuera de orden.
   *[other] { $count } eventos están fuera de orden.
}
reason-events_incomplete = Los eventos cubren solo el { $percent }% del vídeo.
reason-activity_low = Solo { $perMinute } acciones por minuto.
reason-activity_burst = { $perMinute } acciones por minuto parece automatizado.
reason-few_actions = { $count ->
    [one] Solo { $count } acción.
   *[other] Solo { $count } acciones.
}
reason-idle_high = El { $percent }% del vídeo está inactivo.
reason-relevance_low = Solo un { $percent }% relevante para la tarea.
reason-relevance_unknown = La tarea no da nada con qué comprobar la relevancia.
reason-redundant_actions = El { $percent }% de las acciones deshacen o repiten la anterior.
reason-llm_absent = No hubo revisión con IA; las demás partes cuentan por ella.
reason-llm_reason = Revisión con IA: { $text }
grade-earned = ✅ Ganaste { $amount }: { $outlook }
payout-paid =
    💸 Pagamos { $amount } a { $wallet } por { $what }.
    Transacción: { $link }
payout-what-farmer = tu demostración en { $factory }
payout-what-ambassador = tu comisión por una demostración pagada de { $name }
payout-what-creator = lo que retiraste de { $factory }
payout-what-staker = tus CLONES retirados del staking
payout-someone = alguien a quien invitaste
payout-rent = Se abrió tu cuenta de token { $token } para ello; su renta ({ $rent }) la pagó la plataforma y queda en esa cuenta.
wallet-prompt = 💰 Tienes dinero esperando en CLONES Forge: te debemos { $amount }. Para recibirlo, vincula una billetera de Solana con /wallet (paga una cantidad mínima de verificación desde ella o firma un mensaje). Nadie te pedirá nunca tu frase semilla ni tu clave privada.
admin-payout-held = ⚠️ Pagos retenidos: { $count ->
    [one] { $count } pago del lote { $batch } falló en la cadena demasiadas veces y queda retenido (sigue pendiente).
   *[other] { $count } pagos del lote { $batch } fallaron en la cadena demasiadas veces y quedan retenidos (siguen pendientes).
} Último error: { $error }
admin-gas-low = ⛽ Los pagos están en pausa: la tesorería tiene { $available } de SOL además de lo que guarda para otros, y el próximo lote necesita { $needed } para comisiones y renta de cuentas. Envía SOL a la tesorería (/admin → ⛽ Recargar gas de pagos); los pagos se reanudan solos. { $link }
admin-gas-ok = ✅ Pagos reanudados: la tesorería vuelve a tener SOL para las comisiones de red.
payment-what-gas = gas de pagos (el SOL de la tesorería para comisiones de red)
payment-again = Esta solicitud ya estaba pagada; este pago adicional también se acreditó.
payment-request-short = ⚠️ Recibido { $received } de { $requested } (faltan { $missing }). Lo recibido se acredita; envía el resto con una nueva solicitud. { $link }
payment-request-short-finalized = ⚠️ Recibido y finalizado en la cadena { $received } de { $requested } (faltan { $missing }). Lo recibido se acredita; envía el resto con una nueva solicitud. { $link }
outlook-paid = pagado a { $wallet }: { $link }
outlook-in-flight = en camino a { $wallet }; la transacción está enviada y espera confirmación. Te enviaré su enlace.
outlook-queued = se envía a { $wallet } con el próximo lote de pagos. Te enviaré el enlace de la transacción.
outlook-no-wallet = te lo debemos; vincula una billetera con /wallet para recibirlo. Nunca hace falta nada más (ni frase semilla ni clave privada).
outlook-below-minimum = te lo debemos y se paga cuando lo pendiente llegue a { $minimum } (ahora { $owed }).
outlook-delayed = los pagos están retrasados; la plataforma está recargando el SOL con el que paga las comisiones de red. Se paga automáticamente, no tienes que hacer nada.
outlook-off = te lo debemos; los pagos aún no están activados en este servidor (su operador debe configurar la billetera de pagos), así que espera, registrado de forma segura.
outlook-held = te lo debemos; el envío falló varias veces y un administrador lo está revisando.
outlook-due = te lo debemos, con vencimiento el { $date }.
grade-earned-plain = ✅ Ganaste { $amount }.
withdraw-done = 💸 Retiro de { $amount } registrado: { $outlook }
factory-withdraw = 💸 Retirar { $amount }
withdraw-confirm = 💸 ¿Retirar { $amount } de **{ $name }**? Sale del fondo ahora y se te envía con los próximos pagos.
withdraw-to = Va a tu billetera { $wallet } (la última que vinculaste).
withdraw-no-wallet = Aún no tienes una billetera vinculada: te lo debemos hasta que vincules una con /wallet.
withdraw-yes = ✅ Sí, retirar { $amount }
admin-payouts-running = 💼 Pagos: en marcha.
admin-payouts-paused = 💼 Pagos: en pausa por falta de SOL para comisiones (el próximo lote necesita { $needed }, la tesorería puede gastar { $available }).
admin-payouts-off = 💼 Pagos: detenidos (ningún proceso de pagos con TREASURY_KEYPAIR ha informado en los últimos minutos).
admin-gas = ⛽ Recargar gas de pagos
gas-ask-amount = ⛽ ¿Cuánto SOL quieres enviar a la tesorería para las comisiones de red y la renta de cuentas de los pagos?
gas-request = ⛽ Paga { $amount } a la tesorería como gas de pagos. Se acredita a la cuenta de comisiones de red de la plataforma al confirmarse. Paga antes de { $expires }; un pago posterior también se acredita.
cmd-boost = Quema CLONES para un impulso de XP
boost-title = 🔥 **Impulsos de XP**
boost-current = Tu impulso: { $multiplier } XP hasta el { $until } UTC.
boost-current-none = Ahora no tienes impulso de XP.
boost-how = Quema CLONES desde tu billetera y cada demostración aceptada gana más XP durante un tiempo. Quemar de nuevo suma tiempo y se aplica el multiplicador más alto. Los CLONES se destruyen en la cadena, no se pagan a nadie.
boost-off = Los impulsos de XP aún no están disponibles en este servidor (su operador debe configurar PUBLIC_URL, la dirección pública del servidor, y CLONES_MINT).
boost-option = 🔥 Quemar { $clones } CLONES → { $multiplier } XP durante { $hours } h
boost-request =
    🔥 Quema { $clones } CLONES para { $multiplier } XP durante { $hours } horas.
    Escanea el código QR o abre el enlace en tu billetera: muestra la quema antes de que la firmes. El impulso se aplica en cuanto se confirme la quema. Firma antes de { $expires }.
boost-applied = 🔥 Quema confirmada: { $amount } destruidos. Tu impulso de XP es { $multiplier } hasta el { $until } UTC. { $link }
boost-too-small = ⚠️ Esa quema fue de { $amount }, menos de lo que pide el impulso ({ $requested }): no da impulso. { $link }
boost-wrong-token = ⚠️ Esa transacción quemó otro token, no CLONES: no da impulso. { $link }
admin-reconcile = 🔍 La conciliación de la tesorería con el libro encontró { $count ->
    [one] { $count } diferencia; revísala:
   *[other] { $count } diferencias; revísalas:
}
reason-meta_invalid = { $problem ->
    [file] meta.json no es válido ({ $detail }).
   *[field] meta.json no es válido: el campo { $field } no es correcto ({ $detail }).
}
reason-input_log_invalid = { $problem ->
    [too_large] El registro de eventos (input_log.jsonl) supera los { $lines } MiB.
    [too_many_events] El registro de eventos (input_log.jsonl) tiene más de { $lines } líneas (desde la línea { $line }).
   *[unreadable] El registro de eventos (input_log.jsonl) no se puede leer: { $count } de sus { $lines } líneas están dañadas, la primera en la línea { $line } ({ $detail }).
}
reason-events_outside_recording = { $count ->
    [one] Un evento cae
   *[other] { $count } eventos caen
} hasta { $seconds } s fuera del tiempo de la grabación (la marca de tiempo y la duración de meta.json): el registro de eventos no es de esta grabación.
reason-input_lines_skipped = { $count ->
    [one] Se omitió una línea dañada del registro de eventos: la línea { $line } ({ $detail }).
   *[other] Se omitieron { $count } líneas dañadas del registro de eventos, la primera en la línea { $line } ({ $detail }).
}
error-AMOUNT_AMBIGUOUS = No sé si «{ $input }» significa { $whole } o un número con decimales. Envía { $whole } para lo primero, o { $decimal } (con un decimal más) para lo segundo.
tier-supply-chain = Medido contra el suministro total en cadena de { $supply } CLONES, leído del mint { $mint } el { $time }.
tier-supply-setting = Medido contra un suministro total de { $supply } CLONES fijado por este servidor (CLONES_SUPPLY).
cmd-devices = Tus grabadoras vinculadas
devices-button = 🖥 Dispositivos
devices-title = 🖥 **Tus grabadoras**
devices-none = No hay ninguna grabadora vinculada a tu cuenta. Para vincular una, elige una tarea en /browse y ejecuta el comando `forge login` que te muestra.
devices-item = { $n }. **{ $label }**: vinculada el { $paired }, último uso { $used }{ $state ->
    [expired] . Caducada: sin uso durante { $days } días, debe vincularse de nuevo antes de poder subir.
   *[live] {""}
}
devices-unnamed = Grabadora
devices-never-used = nunca
devices-how = Revoca una grabadora que ya no usas, o una en una máquina que perdiste: ya no podrá subir, y las grabaciones de esa máquina se quedan allí. Las grabadoras sin uso durante { $days } días dejan de funcionar solas.
devices-revoke = ✖ Revocar { $n }. { $label }
devices-revoke-all = ✖ Revocar todas
devices-revoke-all-ask = ¿Revocar { $count ->
    [one] tu grabadora
   *[other] tus { $count } grabadoras
}? Cada una necesitará un código nuevo del bot antes de volver a subir.
devices-revoke-all-yes = Sí, revocar todas
devices-keep = No, conservarlas
devices-revoked = Revocada: esa grabadora ya no puede subir. Para volver a usarla, vincúlala con un código nuevo.
devices-not-yours = Esa grabadora no es tuya, o ya estaba revocada: no ha cambiado nada.
devices-revoked-all = { $count ->
    [one] Revocada tu grabadora: ya no puede
   *[other] Revocadas { $count } grabadoras: ya no pueden
} subir. Para volver a usar una, vincúlala con un código nuevo.
devices-none-to-revoke = No quedaba ninguna grabadora por revocar: no ha cambiado nada.
devices-unavailable = Las grabadoras no están configuradas en este servidor, así que no hay ninguna que mostrar.
person-unnamed = un granjero
error-text-not-visible = Un nombre o título necesita al menos una letra, número o símbolo visible: los espacios, los caracteres invisibles y los controles de dirección del texto no cuentan.
cmd-link = Une tus cuentas de Telegram y Discord en una
link-code = 🔗 **Une tus cuentas**
    Tu código de un solo uso: `{ $code }` (válido { $minutes } minutos, se puede usar una vez).
    { $other ->
        [discord] En Discord, usa el comando `/link` del bot de CLONES Forge y pon el código en su campo `code`.
       *[telegram] En Telegram, envía `/link { $code }` al bot de CLONES Forge.
    } Tus dos cuentas pasan a ser una, en los dos bots: ganancias, XP, referidos, fábricas y billeteras juntos.
    ⚠️ Nunca des este código a nadie: quien lo introduzca se queda con esta cuenta.
link-linked = ✅ **Cuentas unidas.** Tus cuentas de Telegram y Discord son ahora una sola: lo que tenían las dos está junto, en los dos bots.
link-summary = ⭐ XP: { $xp } (nivel { $level }) · 🤝 Referidos: { $referrals }
error-LINK_CODE_INVALID = Ese no es un código de enlace válido. Usa /link en el bot donde tienes tu otra cuenta para obtener uno, y luego introdúcelo aquí con /link.
error-LINK_CODE_EXPIRED = Ese código de enlace ha caducado (los códigos duran 10 minutos). Usa /link en el bot de tu otra cuenta para obtener uno nuevo.
error-LINK_CODE_USED = Ese código de enlace ya se usó: cada código funciona una vez. Usa /link en el bot de tu otra cuenta para obtener uno nuevo.
error-LINK_SAME_ACCOUNT = Ese código es de esta misma cuenta: envíalo al bot de tu otra plataforma.
error-LINK_SAME_PLATFORM = Estas dos cuentas no se pueden unir: las dos son de la misma plataforma (una cuenta une una cuenta de Telegram y una de Discord). No ha cambiado nada.
error-LINK_PAYOUT_IN_FLIGHT = Ahora mismo se está enviando un pago a una de estas cuentas. Inténtalo de nuevo en unos minutos, cuando haya llegado. No ha cambiado nada.
error-LINK_REFERRAL_CYCLE = Estas cuentas no se pueden unir: una invitó a alguien que (directa o indirectamente) invitó a la otra, y unirlas formaría un bucle. No ha cambiado nada.
error-LINK_RATE_LIMITED = Has pedido varios códigos de enlace en la última hora. Usa el último, o pide otro dentro de una hora.
error-LINK_TOO_MANY_ATTEMPTS = Demasiados códigos de enlace incorrectos en la última hora. Espera una hora y vuelve a intentarlo con un código nuevo.
error-LINK_ALREADY_LINKED = Tu cuenta ya está unida en Telegram y en Discord.


## Discord community: server invites, /join, server settings, announcements, DM-closed notices
discord-invite =
    📣 **Tu invitación a { $server }**
    { $invite }

    Quienes se unan a este servidor con ella serán tuyos para siempre. Ganas { $rate } de la recompensa de cada demostración que se les pague, de la comisión de la plataforma, según tu nivel de staking. Unirse no genera nada por sí solo: las comisiones llegan solo de su actividad pagada posterior.
discord-invite-dm =
    📣 **Tu código de referido: `{ $code }`**

    Usa /invite en un servidor para obtener tu propia invitación a él. Quienes traigas serán tuyos para siempre; ganas { $rate } de la recompensa de cada demostración que se les pague, de la comisión de la plataforma. Unirse no genera nada por sí solo: las comisiones llegan solo de su actividad pagada posterior.
discord-invite-telegram = En Telegram: { $link }
discord-invite-code = Quien se haya unido de otra forma puede escribir `/join { $code }`.
discord-invite-no-permission = No he podido crear una invitación aquí: necesito el permiso Crear invitación en este canal. Un administrador puede concedérmelo; mientras tanto, la gente puede escribir `/join { $code }`.
discord-join-done = 🤝 Te uniste a través de { $referrer }, para siempre. Solo gana una comisión por tu actividad pagada posterior, nunca por que te unas.
discord-join-same = Ya te uniste a través de { $referrer }: no ha cambiado nada.
discord-join-already = Ya te uniste a través de otro embajador; cuenta el primero, para siempre. No ha cambiado nada.
discord-join-self = Ese es tu propio código: no puedes referirte a ti mismo. No ha cambiado nada.
discord-join-cycle = No puedes unirte a través de ese embajador: se unió a través de ti. No ha cambiado nada.
discord-join-unknown = Ningún embajador tiene el código `{ $code }`. Revísalo (aparece en su /invite) y vuelve a intentarlo.
discord-join-invalid = Un código de referido tiene de 4 a 16 letras y dígitos, como `ABCD2345`. No ha cambiado nada.
discord-joined-server = 🤝 ¡Te damos la bienvenida a { $server }! Te uniste con la invitación de { $referrer }. Solo gana una comisión por tu actividad pagada posterior, nunca por que te unas.
discord-settings-title = ⚙️ **Ajustes de comunidad de { $server }**
discord-settings-announce = Canal de anuncios: { $channel }
discord-settings-notice = Canal para avisos de MD: { $channel }
discord-settings-notice-default = el canal de anuncios
discord-settings-unset = sin elegir
discord-settings-featured = Fábricas destacadas: { $names }
discord-settings-featured-none = ninguna
discord-settings-help = Elige abajo los canales y las fábricas que destacar. Cuando alguien tenga los MD cerrados, un aviso breve y sin detalles le pedirá que los abra.
discord-settings-pick = Fábricas que destacar
discord-settings-no-factories = Ahora mismo no hay fábricas activas que destacar.
discord-settings-forbidden = Solo los miembros con el permiso Gestionar servidor pueden cambiar los ajustes de este servidor. No ha cambiado nada.
discord-settings-guild-only = Los ajustes son de un servidor: usa /settings en uno.
discord-settings-bad-channel = No puedo publicar en { $channel }: elige un canal de texto o de anuncios donde pueda enviar mensajes. No ha cambiado nada.
discord-settings-saved = ✅ Guardado.
discord-settings-featured-saved = ✅ Fábricas destacadas guardadas. { $announced ->
        [0] No hay ninguna nueva que anunciar.
        [one] La nueva se anunció en { $channel }.
       *[other] Las { $announced } nuevas se anunciaron en { $channel }.
    }
discord-settings-featured-no-channel = ✅ Fábricas destacadas guardadas. Elige un canal de anuncios para anunciarlas.
discord-settings-featured-gone = Algunas de esas fábricas ya no están activas; vuelve a elegir de la lista actual. No ha cambiado nada.
discord-announce =
    📢 **Fábrica destacada: { $name }**
    { $useCase }

    Gana hasta { $reward } por demostración (tras la comisión del 10% de la plataforma), pagada desde una puntuación de { $threshold }.
discord-announce-open = 🎬 Abrir
discord-dm-closed = tienes una notificación nueva mía, pero no puedo enviarte mensajes directos. Abre tus MD conmigo, o activa los mensajes directos de miembros del servidor en los ajustes de privacidad de este servidor, para leerla.
cmd-join = Indica qué embajador te trajo, con su código
cmd-join-code = Su código de referido, p. ej. ABCD2345
cmd-settings = Ajustes del servidor: canal de anuncios y fábricas destacadas
discord-invite-reason = Invitación de embajador del código de referido { $code } (/invite)
discord-settings-pick-announce = Canal de anuncios
discord-settings-pick-notices = Canal para avisos de MD

## Discord bot: commands, and what only the Telegram bot does for now
discord-newfactory = Nueva fábrica
discord-wizard-edit = Editar fábrica
discord-wizard-fund = Cantidad
discord-wizard-title = { $title } ({ $page }/{ $count })
discord-wizard-choose = Paso { $page } de { $count }: elige { $field }.
discord-wizard-next = Guardado. Sigue el paso { $page } de { $count }: pulsa Continuar para rellenarlo.
discord-wizard-continue = ▶️ Continuar
discord-wizard-restart = 🔄 Empezar de nuevo
discord-wizard-retry = ✏️ Intentar de nuevo
discord-wizard-resume = 🏭 Tienes una fábrica a medias (quizá empezada en Telegram), en el paso { $page } de { $count }. Continúa donde lo dejaste, empieza de nuevo o cancélala.
discord-wizard-resume-summary = 🏭 Tienes una fábrica a medias (quizá empezada en Telegram) con todas las respuestas: continúa para ver su resumen y crearla, empieza de nuevo o cancélala.
discord-wizard-none = No hay nada en curso: ese formulario terminó o se canceló. Empieza de nuevo con /newfactory o desde la ficha de una fábrica.
discord-pay-link = Escanea el código QR con tu billetera, o abre en ella este enlace de Solana Pay:
discord-opt-link-code = El código que te dio el bot de Telegram (déjalo vacío para obtener uno para Telegram)
discord-telegram-only = Este paso por ahora solo está en nuestro bot de Telegram: abre el bot de CLONES Forge en Telegram para hacerlo.
discord-language-note = En Discord mis respuestas siguen el idioma de tu aplicación de Discord; esta elección es para los mensajes que te envío por mi cuenta (MD) y para el bot de Telegram.
discord-opt-live-factory = Abrir directamente una fábrica activa (empieza a escribir su nombre)
discord-opt-own-factory = Abrir directamente una de tus fábricas (empieza a escribir su nombre)
discord-appeal-off = Las apelaciones aún no están disponibles: no se ha cambiado nada.
discord-nav-invite = 📣 Usa /invite en un servidor para obtener tu propia invitación a él, con tu código de referido.

# wallet & boosts on Discord
wallet-sign-ask-address = Ahora envíame la dirección de la billetera que lo firmó. Nunca envíes tu frase semilla ni tu clave privada: nadie las necesita, ni siquiera nosotros.
wallet-sign-ask-signature = Y la firma que te dio tu billetera (en base58, unos 88 caracteres).
wallet-sign-signature-format = ⚠️ Eso no es una firma: una firma de Solana son 64 bytes en base58, unos 88 caracteres. Cópiala de nuevo desde tu billetera.
wizard-label-wallet = Dirección de la billetera
wizard-label-signature = Firma (base58)
discord-wizard-walletsign = Vincular una billetera
discord-wizard-intro-next = Cuando esté firmado, pulsa Continuar y pega la dirección de la billetera y la firma.
discord-pay-dm = 📬 Te envié la solicitud de pago por mensaje directo: ese mensaje se actualiza cuando esté pagada. Su enlace, para abrirlo en tu billetera:
discord-pay-here = 📬 Tu solicitud de pago está en este chat: ese mensaje se actualiza cuando esté pagada.
discord-pay-dm-closed = 📪 No pude enviarte un mensaje directo (tienes los MD cerrados para mí), así que aquí está la solicitud. Las novedades del pago llegarán por donde pueda contactarte: abre tus MD para recibirlas en Discord.

# datasets
error-DATASET_NOTHING_NEW = No se pagó ninguna grabación desde tu última exportación (las pagadas en el último minuto entran en la siguiente).
error-DATASET_EXPORT_NOT_FOUND = Esa exportación del dataset no existe.
dataset-title = **📦 Dataset**
dataset-format = Cada exportación es un zip: fragmentos Parquet que `datasets` de Hugging Face carga directamente (una fila por paso, con su fotograma clave), las mismas filas en JSONL y una ficha del dataset que explica cómo se calculan las puntuaciones. Los farmers aparecen con seudónimos; las teclas enmascaradas siguen enmascaradas.
dataset-building = Se está generando la exportación { $sequence }: { $progress }% ({ $recordings } grabaciones).
dataset-refresh = 🔄 Actualizar
dataset-failed = No se pudo generar la exportación { $sequence }. Sus { $recordings } grabaciones irán en la siguiente.
dataset-ready = La exportación { $sequence } está lista: { $recordings } grabaciones, { $steps } pasos, { $size } MB. El enlace de descarga funciona 24 horas; abre otra vez la vista 📦 Dataset de la fábrica para obtener uno nuevo.
dataset-download = ⬇️ Descargar exportación { $sequence }
dataset-no-link = Las descargas necesitan la dirección pública del servidor (PUBLIC_URL), que no está configurada: pregunta al administrador de la plataforma.
dataset-new = { $count ->
    [one] 1 grabación pagada aún no está en ninguna exportación.
   *[other] { $count } grabaciones pagadas aún no están en ninguna exportación.
}
dataset-nothing-new = No se pagó ninguna grabación desde la última exportación (una grabación pagada en el último minuto espera a la siguiente).
dataset-export = 📦 Exportar { $count } nuevas
dataset-started = Exportación { $sequence } iniciada: { $recordings } grabaciones.
dataset-already = La exportación { $sequence } ya se está generando.
dataset-button = 📦 Dataset
dataset-off = Las exportaciones de datasets están desactivadas en este bot: su operador tiene que configurar DATASETS_SECRET (un secreto aleatorio de al menos 32 caracteres) para activarlas.

## Tokens de datasets (bots/flows/dataset-tokens.ts, token-launch.ts, notices/dataset-tx-notice.ts)
cmd-datasets = Tokens de datasets: precios, compraventa, quemar para descargar
cmd-metadataset = Agrupar tokens de datasets en un meta-dataset (admins)
dtok-off = Los tokens de datasets están desactivados: el operador configura DATASET_TOKENS=on (con CURVE_SECRET_KEY en el servidor, DATASETS_SECRET, SOLANA_RPC_URL, TREASURY_ADDRESS y PUBLIC_URL).
dtok-list-title = 🪙 **Tokens de datasets**
dtok-list-none = Todavía no hay ningún token de dataset activo. El creador de una fábrica lo lanza desde la vista 📦 Dataset de la fábrica.
dtok-line = • { $name } — ${ $symbol }: { $price } SOL por token · suministro { $supply } · capitalización { $cap } SOL · volumen { $volume } SOL
dtok-claim = 🎁 Reclamar { $amount } ${ $symbol }
dtok-claim-how = 🎁 Un meta-dataset incluye tu token: reclama tu parte de su asignación con los botones de abajo.
dtok-title = 🪙 **{ $name }** (${ $symbol })
dtok-meta = Un meta-dataset: incluye { $symbols }. Quemarlo los desbloquea todos.
dtok-price = Precio: { $price } SOL por token
dtok-supply = Suministro: { $supply } ${ $symbol }
dtok-cap = Capitalización: { $cap } SOL
dtok-volume = Volumen: { $volume } SOL en { $trades } operaciones
dtok-burn = Quemar para descargar: { $amount } ${ $symbol } ({ $share }% del suministro)
dtok-slippage = Deslizamiento: { $percent }% (la operación no se hace si el precio se movió más que eso en tu contra)
dtok-slip = { $percent }%
dtok-slip-chosen = ✅ { $percent }%
dtok-buy = Comprar { $sol } SOL
dtok-sell = Vender { $percent }%
dtok-burn-button = 🔥 Quemar para descargar
dtok-download = ⬇️ Descargar
dtok-refresh = ↻ Actualizar
dtok-all = 🪙 Todos los tokens
dtok-launching = 🚀 Este token se está lanzando: la compraventa se abre cuando su lanzamiento llegue a la cadena.
dtok-pay-buy = 🛒 **Comprar ${ $symbol } con { $sol } SOL**: unos { $tokens } ${ $symbol } al precio de hoy, como mucho un { $slippage }% menos. La wallet que abra esta solicitud paga y recibe los tokens.
dtok-pay-sell = 💱 **Vender el { $percent }% de tus ${ $symbol }**: el { $percent }% de los ${ $symbol } de la wallet que abra esta solicitud, por SOL como mucho un { $slippage }% peor que el precio de hoy.
dtok-pay-burn = 🔥 **Quemar { $amount } ${ $symbol } para descargar**: la wallet que abra esta solicitud los quema. Cuando la quema llegue a la cadena, te envío los enlaces de descarga.
dtok-pay-price = El precio se fija cuando tu wallet abre esta solicitud, no ahora. Si antes llega otra operación sobre este token, tu wallet recibe el aviso de pedirla de nuevo: pulsa el botón otra vez para una cotización nueva. Nada se mueve hasta que lo apruebes en tu wallet.
dtok-pay-once = Nada se quema hasta que lo apruebes en tu wallet.
dtok-pay-expires = Ábrela antes de { $expires }.
dtok-pay-claim = 🎁 **Reclamar { $amount } ${ $symbol }**: tu parte de la asignación del meta-dataset, acuñada a la wallet que abra esta solicitud. Nada se acuña hasta que lo apruebes en tu wallet.
dtok-download-ready = ⬇️ **${ $symbol }**: { $count } enlaces de descarga, cada uno válido 24 horas.
dtok-download-none = Tienes acceso a ${ $symbol }, pero ninguna de sus exportaciones está lista todavía. Vuelve a intentarlo más tarde.
dtok-download-link = ⬇️ Exportación { $sequence }
dtok-no-access = 🔒 Para descargar ${ $symbol }, quema { $amount } ${ $symbol } desde una wallet que los tenga (🔥 Quemar para descargar). Cómpralos antes si no tienes.
dataset-token-live = 🪙 Su token ${ $symbol } está activo.
dataset-token-open = 🪙 ${ $symbol }
dataset-token-launching = 🚀 Su token ${ $symbol } se está lanzando: se activa cuando el lanzamiento llegue a la cadena.
dataset-token-launch = 🚀 Lanzar token
dtl-name = 🚀 **Lanzar un token de dataset** (1/3). ¿Cómo se llama el token? (de 3 a 32 letras, dígitos, espacios, puntos o guiones)
dtl-symbol = (2/3) ¿Su símbolo? (de 2 a 10 letras o dígitos, p. ej. CLEO)
dtl-share = (3/3) ¿Qué parte del suministro quema un poseedor para descargar el dataset? Tú recibes esa misma cantidad al lanzar el token.
dtl-label-name = Nombre del token
dtl-label-symbol = Símbolo
dtl-label-share = Quemar para descargar
dtl-retry-name = Envía un nombre de 3 a 32 letras, dígitos, espacios, puntos o guiones.
dtl-retry-symbol = Envía un símbolo de 2 a 10 letras o dígitos.
dtl-retry-share = Elige uno de los botones: 0.5%, 1%, 2% o 5%.
dtl-pay =
    🚀 **Lanzar ${ $symbol }** ({ $name }): ábrelo con la wallet que vinculaste con /wallet (otra wallet se rechaza).
    Cuesta { $fee } SOL y { $clones } CLONES, más unos { $backing } SOL, el precio de la asignación, pagados a la curva: { $allocation } ${ $symbol } van a esa wallet.
    El token se activa cuando el lanzamiento llegue a la cadena: te aviso. Ábrelo antes de { $expires }.
dtl-pay-meta =
    🚀 **Lanzar el meta-dataset ${ $symbol }** ({ $name }), que agrupa { $members }: ábrelo con la wallet que vinculaste con /wallet (otra wallet se rechaza).
    Sin comisión de lanzamiento: cuesta unos { $backing } SOL, el precio de la asignación, pagados a la curva: { $allocation } ${ $symbol } que los creadores de los datasets incluidos reclaman desde /datasets.
    Se activa cuando el lanzamiento llegue a la cadena: te aviso. Ábrelo antes de { $expires }.
meta-title = 🧩 **Nuevo meta-dataset**
meta-how = Elige de { $min } a { $max } tokens de datasets activos para agrupar, y luego Continuar.
meta-picked = Elegidos ({ $count }): { $symbols }
meta-picked-none = Nada elegido todavía.
meta-too-few = Todavía no hay suficientes tokens de datasets activos para agrupar.
meta-on = ✅ ${ $symbol }
meta-off = ${ $symbol }
meta-continue = ➡️ Continuar
earnings-token-fees = 🪙 **Comisiones de volumen de tus tokens de datasets**: { $amount } SOL
earnings-token-fee = ${ $symbol }: { $amount } SOL
dtx-explorer = 🔎 Ver en el explorador
dtx-kind-launch = lanzamiento
dtx-kind-buy = compra
dtx-kind-sell = venta
dtx-kind-unlock = quema para descargar
dtx-kind-claim = reclamación
dtx-failed = ❌ Tu { $kind } de ${ $symbol } falló en la cadena: nada se movió, solo se pagó la comisión de red. Puedes pedirlo de nuevo desde /datasets.
dtx-launch = 🚀 **{ $name }** (${ $symbol }) está activo: cualquiera puede comprarlo y venderlo desde /datasets.
dtx-buy = ✅ Compraste { $tokens } ${ $symbol } por { $sol } SOL.
dtx-sell = ✅ Vendiste { $tokens } ${ $symbol } por { $sol } SOL.
dtx-unlock = 🔓 Quemaste { $tokens } ${ $symbol }: el dataset es tuyo para descargar.
dtx-unlock-no-links = 🔓 Quemaste { $tokens } ${ $symbol }: puedes descargar el dataset. Todavía no hay ninguna exportación lista; usa ⬇️ Descargar en /datasets más tarde.
dtx-claim = 🎁 Reclamaste { $tokens } ${ $symbol }: ya están en tu wallet.
discord-wizard-tokenlaunch = Lanzar un token de dataset
discord-wizard-metalaunch = Nuevo meta-dataset
error-DATASET_NO_EXPORT = La fábrica todavía no tiene ninguna exportación de dataset lista: exporta una desde su vista 📦 Dataset y luego lanza.
error-DATASET_TOKEN_EXISTS = El dataset de esta fábrica ya tiene un token: ábrelo desde /datasets.
error-DATASET_TOKEN_NOT_FOUND = Ese token de dataset no existe (ya). Mira los activos en /datasets.
error-DATASET_TOKEN_NOT_LIVE = Ese token todavía no está activo: la compraventa se abre cuando su lanzamiento llegue a la cadena. Vuelve a intentarlo en un minuto.
error-DATASET_TX_NOT_FOUND = Esa solicitud no existe. Pídela de nuevo desde /datasets.
error-DATASET_TX_DONE = Esa solicitud ya se usó. Pide una nueva desde /datasets.
error-DATASET_TX_EXPIRED = Esa solicitud caducó. Pide una nueva desde /datasets.
error-DATASET_TX_TAKEN = Otra wallet ya abrió esa solicitud. Pide la tuya desde /datasets.
error-DATASET_ACCESS_ALREADY = Ya puedes descargar este dataset: pulsa ⬇️ Descargar, no hace falta quemar nada.
error-DATASET_NO_ACCESS = Todavía no puedes descargar este dataset: quema antes sus tokens (🔥 Quemar para descargar en /datasets).
error-WALLET_NOT_VERIFIED = Ábrela con la wallet que vinculaste con /wallet (o vincula antes esta wallet allí).
error-HOLDINGS_TOO_LOW = Esa wallet no tiene suficientes tokens de este. Compra antes, o ábrela con la wallet que los tiene.
error-CURVE_BUSY = Otra operación sobre este token está esperando a su wallet. Vuelve a intentarlo en un minuto.
error-CURVE_SLIPPAGE = El precio se movió más de lo que permite tu deslizamiento. Mira el nuevo precio y vuelve a intentarlo, o elige un deslizamiento mayor.
error-CURVE_SOLD_OUT = A la curva no le quedan tantos tokens para vender. Prueba con una cantidad menor.
error-CURVE_AMOUNT_TOO_SMALL = Esa cantidad es demasiado pequeña para operar. Prueba con una mayor.
error-CURVE_SELL_EXCEEDS_SOLD = Eso es más de lo que la curva puede recomprar. Prueba a vender una parte menor.

## Gráficos (dibujados en una imagen: texto simple, sin emojis ni formato)
chart-subtitle = Últimos { $days } días, UTC
chart-empty = Nada todavía
chart-paid = Pagado
chart-waiting = Pendiente de pago
chart-earnings-title = Lo que ganaste por día
chart-earnings-panel = Ganado por día
chart-commissions-title = Tus comisiones
chart-commissions-daily = Comisiones por día
chart-commissions-referrals = Por persona referida, desde el inicio
chart-person = Persona { $n }
chart-factory-untitled = Tu fábrica
chart-submissions = Envíos por día
chart-passed = Aprobados
chart-failed = Bajo el umbral
chart-pending = Esperando puntuación
chart-released = Rechazados o abandonados
chart-scores = Puntuaciones (desde el inicio)
chart-threshold = Umbral
chart-pool = Saldo del fondo
chart-alt-earnings = Gráfico: lo que ganaste por día en los últimos 30 días.
chart-alt-commissions = Gráfico: tus comisiones por día y por persona referida.
chart-alt-factory = Gráfico: envíos por día, puntuaciones frente al umbral y saldo del fondo.
factory-stats = 📊 Estadísticas
dashboard-button = 📱 Panel
dashboard-link = 📱 Tu panel: cada fábrica con su fondo, envíos, puntuaciones y las mejores y peores grabaciones, y los botones de la ficha. El botón de abajo lo abre una vez, dentro de { $minutes } minutos; pulsa 📱 Panel otra vez para obtener uno nuevo.
dashboard-open = Abrir el panel
dashboard-off = El panel está desactivado en este bot: su operador no configuró la dirección HTTPS pública del servidor (el ajuste PUBLIC_URL).
factory-stats-text =
    📊 **{ $name }**: los últimos { $days } días
    Envíos: { $total } ({ $passed } aprobados, { $failed } bajo el umbral de { $threshold }, { $pending } esperando puntuación, { $released } rechazados o abandonados)
    Tasa de aprobación: { $passRate } de las puntuadas
    Fondo: { $pool } ahora ({ $poolThen } al final del { $since })
factory-stats-best = Mejores grabaciones: { $scores }
factory-stats-worst = Grabaciones más bajas: { $scores }
