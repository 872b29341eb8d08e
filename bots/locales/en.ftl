# CLONES Forge — English

language-name = English
welcome =
    👋 Welcome to **CLONES Forge**, where people earn by teaching AI agents real computer skills.

    🏭 **Creators** fund factories that collect demonstrations of the skills they need.
    🧑‍🌾 **Farmers** record tasks with the Forge recorder and get paid by quality.
    📣 **Ambassadors** share their link and earn on every paid demonstration of the people they bring.

    What would you like to do?
welcome-back = 👋 Welcome back! What would you like to do?
joined-through = 🤝 You joined through { $referrer }.
referral-new = 🎉 { $referee } joined through your link. You will earn commissions on their paid activity.
referral-already = You already joined through another invite; the first one counts.
nav-create = 🏭 Create a factory
nav-browse = 🔎 Browse factories
nav-invite = 📣 Invite friends
nav-profile = 👤 My profile
nav-help = ❓ Help
back = ⬅️ Back

help-title = **Commands**
cmd-start = Start, or get back to the main menu
cmd-help = This list of commands
cmd-language = Change the language
cmd-wallet = Your wallets
cmd-newfactory = Create a factory (guided)
cmd-factories = Your factories
cmd-browse = Live factories to work on
cmd-submit = Record and submit a demonstration
cmd-history = Your submissions and scores
cmd-earnings = What you have earned
cmd-profile = XP, level, reputation
cmd-invite = Your invite link
cmd-referrals = People you referred
cmd-tier = Your staking tier
cmd-commissions = Your commissions
cmd-leaderboard = Top farmers
cmd-cancel = Cancel what you are doing
cmd-admin = Admin tools
help-footer = Tip: buttons do everything the commands do.

unknown-command = I don't know that command. Send /help to see what I can do.
unknown-message = Send /help to see what I can do.
private-only = I've sent you this in a private message, where your data stays private.
private-only-failed = Please open a private chat with me first, then try again.
error-generic = 😕 Something went wrong on our side. It has been logged (ref { $ref }). Please try again.
language-choose = Choose your language:
language-set = ✅ Language set to English.

profile =
    👤 **Your profile**
    Level { $level } · { $xp } XP (next level at { $next } XP)
    Reputation: { $reputation }/100
    XP boost: { $boost }
profile-wallets = Wallets: { $wallets }
profile-no-wallets = No wallet linked yet: /wallet
boost-none = none
boost-active = ×{ $multiplier }

wallet-title = 👛 **Your wallets**
wallet-none = You have no wallet linked yet.
wallet-how = To link one, pay a tiny verification amount from it or sign a message with it. We never ask for your seed phrase or private key.

invite =
    📣 **Your invite link**
    { $link }

    People who join through it are yours for good. You earn { $rate } of the reward of every demonstration they are paid for, out of the platform fee, at your staking tier.
invite-unstaked = You have no stake yet, so you earn 0% for now: stake CLONES to earn 1–5% (see /tier). Referrals you bring now stay yours.
invite-share = 📤 Share
invite-share-text = Earn by teaching AI agents real computer skills on CLONES Forge
referrals-none = Nobody has joined through your link yet. Share it with /invite.
referrals-title = 🤝 **People you referred** ({ $count })
referrals-line = • { $name } — joined { $date }{ $earned }
referrals-earned = , earned you { $amount }

tier =
    🪙 **Staking tier { $tier }** — { $rate } commission
    Staked: { $staked } CLONES
tier-next = Tier { $next } needs { $needed } more CLONES.
tier-top = You are at the top tier.
tier-unknown-supply = 🪙 Staking tiers are off on this server: it has no CLONES total supply to measure stakes against, so every tier (and referral commission) stays at 0% until its operator sets CLONES_MINT and SOLANA_RPC_URL (the supply is then read from the chain), or CLONES_SUPPLY.

commissions-none = No commissions yet. They arrive as the people you referred are paid.
commissions-title = 💸 **Your commissions**
earnings-none = Nothing earned yet. Find a factory with /browse.
earnings-role-farmer = 🧑‍🌾 **As a farmer**
earnings-role-ambassador = 📣 **As an ambassador** (commissions)
earnings-role-creator = 🏭 **Withdrawn from your factories**
earnings-role-staker = 🪙 **Unstaked CLONES**
earnings-paid = { $amount } paid out
earnings-in-flight = { $amount } on its way
earnings-owed = { $amount } owed
earnings-net = Farmer amounts are what you receive, after the 10% platform fee.
earnings-owed-hint = Owed money goes out with the next payouts once you have linked a wallet (/wallet) and it adds up to at least { $minimums }.
earnings-title = 💰 **Your earnings**

factories-none = You have no factories yet.
factories-title = 🏭 **Your factories**
factory-new = ➕ New factory
factory-card =
    🏭 **{ $name }** — { $status }
    { $useCase }

    Reward: { $reward } per demonstration (paid from a score of { $threshold })
    Limits per farmer: { $limits }
    Tasks: { $tasks }

    📊 Submissions { $submissions } · scored { $settled } · paid { $paid } · average score { $average }
    Spent { $spent } · available { $available }
status-active = 🟢 live
status-paused = ⏸ paused
status-closed = ⛔ closed
limits-none = none
limit-per-task = { $n } per task
limit-per-day = { $n } per day
limit-total = { $n } in all
factory-pause = ⏸ Pause
factory-resume = ▶️ Resume
factory-close = ⛔ Close
factory-fund = 💳 Fund
factory-refresh = 🔄 Refresh
factory-open = 🏭 Open its card
factory-close-confirm = Close **{ $name }** for good? Reserved submissions still settle, and you can withdraw what is left.
factory-close-yes = Yes, close it
factory-paused = ⏸ Paused. Farmers can't start new submissions; you can withdraw what is left from the card.
factory-resumed = ▶️ Live again.
factory-closed = ⛔ Closed. Reserved submissions still settle; withdraw what is left with the card's 💸 button.
factory-fund-soon = Funding with Solana Pay is off on this bot: its operator has not set the treasury wallet yet (the TREASURY_ADDRESS setting, with SOLANA_RPC_URL so that payments are seen). Your pool: { $available }.

browse-none = No live factories right now. Check back soon!
browse-none-open = None of them can pay a new demonstration right now: their pools are waiting for funding.
browse-waiting = ⏳ Waiting for funding (their pools cannot pay a demonstration yet):
browse-waiting-line = • { $name }
browse-title = 🔎 **Live factories** (page { $page } of { $pages })
browse-line = { $name } · { $reward }
browse-prev = ◀️ Previous
browse-next = Next ▶️
browse-factory =
    🏭 **{ $name }**
    { $useCase }

    You earn up to { $reward } per demonstration (after the 10% platform fee), paid from a score of { $threshold }.
    Pick a task to record:
browse-task = 🎬 { $title }

submit-install-ask = ask this bot's operator for the recorder: it is not published on npm
submit-pick = Which factory? Pick one from /browse.
submit-instructions =
    🎬 **{ $task }** for { $factory }
    { $prompt }

    1. Install the Forge recorder (Node.js 20+ and ffmpeg needed): `{ $install }`
    2. Pair it with your account: `{ $login }`
    3. Record: `forge record`
    4. Review, process and upload: forge process, then forge upload

    The pairing code works once and expires in 15 minutes.{ $files ->
        [yes] { " " }{ submit-send-zip }
       *[no] { "" }
    }
# Only where the bot takes recordings sent in chat ($files "yes": Telegram; Discord takes no files).
submit-send-zip = You can also send me the recording's zip here.

history-none = No submissions yet. Start with /browse.
history-title = 📜 **Your submissions**
history-line = • { $when } { $factory } — { $task }: { $status }
history-open-grade = 🔎 { $when } { $task }
grade-pending = ⏳ This recording is still being graded; I will message you the result.
sub-reserved = ⏳ being scored
sub-settled = score { $score }, earned { $net }
sub-released = ✖️ withdrawn
sub-rejected = ❌ rejected
sub-below = score { $score }, below the minimum of { $threshold }: not paid
sub-topup = 🔁 appeal: score { $score }, earned { $net } more

leaderboard-title = 🏆 **Top farmers**
leaderboard-line = { $rank }. { $name } — level { $level }, { $xp } XP
leaderboard-none = No farmers yet.

admin-only = This command is for admins.
admin-stats =
    🛠 **Platform**
    Live factories: { $live }

conv-cancelled = Cancelled. Nothing was saved.
conv-cancel = ✖️ Cancel
nf-name = 🏭 **New factory** (1/8). What is its name? (up to 80 characters)
nf-usecase = (2/8) Describe the use case: what should agents learn from these demonstrations?
nf-tasks =
    (3/8) List the tasks (skills) to capture, one per line, as
    Title: what the farmer should do
nf-token = (4/8) Which token will you pay rewards in?
nf-reward = (5/8) Reward per perfect demonstration, in { $token }? (e.g. 2.5)
nf-threshold = (6/8) Minimum quality score to pay, { $min }–100? (recommended { $min })
nf-limits = (7/8) Limits per farmer as "per task, per day, total" (e.g. 3, 10, 50), or "none".
nf-confirm =
    (8/8) Please check:
    {"**"}{ $name }**
    { $useCase }
    Tasks: { $tasks }
    Reward: { $reward } · threshold { $threshold } · limits: { $limits }
nf-create = ✅ Create it
nf-created = 🎉 Factory created. Fund its pool so farmers can start.
retry-text = Please send text.
retry-name = Please send a name of 1 to 80 characters, with at least one visible letter, number or symbol.
retry-usecase = Please describe the use case in 1 to 1000 characters.
retry-tasks = Please send 1 to 50 lines, each "Title: what to do".
retry-amount = That is not an amount I can use: { $reason }
retry-threshold = Please send a whole number from { $min } to 100.
retry-limits = Please send three whole numbers like "3, 10, 50" (0 = no limit), or "none".

wizard-expired = ⌛ That question expired after a day without an answer; nothing was saved. Start again whenever you like.
wizard-unknown-field = That answer is not for this step.
wizard-field-error = ⚠️ **{ $field }**: { $problem }
wizard-label-name = Name
wizard-label-usecase = Use case
wizard-label-tasks = Tasks, one per line
wizard-label-token = Reward token
wizard-label-threshold = Minimum score to pay
wizard-label-limits = Limits: per task, per day, total
wizard-label-amount = Amount
wizard-placeholder-tasks = Title: what the farmer should do
wizard-placeholder-threshold = 70
wizard-placeholder-limits = 3, 10, 50
wizard-placeholder-amount = 2.5

error-INVALID_INPUT = That input isn't valid.
error-AMOUNT_INVALID = Please send a plain positive number like 12.5 or 1,234.5.
error-AMOUNT_TOO_PRECISE = That token doesn't have that many decimals.
error-AMOUNT_OUT_OF_RANGE = That amount is too large.
error-TOKEN_UNKNOWN = That token isn't available.
error-ACCOUNT_NOT_FOUND = I couldn't find that account.
error-IDENTITY_TAKEN = That account is already linked to someone else.
error-WALLET_TAKEN = That wallet is already linked to another account.
error-WALLET_INVALID = That is not a Solana address.
error-REFERRAL_CODE_UNKNOWN = That invite link isn't valid.
error-REFERRAL_SELF = You can't invite yourself.
error-REFERRAL_ALREADY_SET = You already joined through another invite; the first one counts.
error-REFERRAL_CYCLE = That invite would make a loop, so it can't be used.
error-FACTORY_NOT_FOUND = That factory doesn't exist (any more).
error-FACTORY_NOT_OWNER = Only the factory's owner can do that.
error-FACTORY_NOT_LIVE = That factory isn't taking submissions right now.
error-FACTORY_CLOSED = That factory is closed.
error-FACTORY_STATUS_UNCHANGED = It's already like that.
error-TASK_NOT_FOUND = That task doesn't exist (any more).
error-THRESHOLD_TOO_LOW = The quality threshold can't be below 50.
error-POOL_EXHAUSTED = This factory's reward pool is empty: it has too little left to pay for a demonstration. It takes recordings again once its creator funds it; pick another factory in /browse.
error-INSUFFICIENT_FUNDS = There isn't enough in the pool for that.
error-LIMIT_PER_TASK_REACHED = You've reached this factory's limit for that task.
error-LIMIT_PER_DAY_REACHED = You've reached this factory's daily limit. Come back tomorrow!
error-LIMIT_TOTAL_REACHED = You've reached this factory's total limit.
error-NOTHING_MORE_TO_EARN = You already have a perfect score on that task.
error-SUBMISSION_NOT_FOUND = I couldn't find that submission.
error-SUBMISSION_NOT_PENDING = That submission was already handled.
error-SCORE_INVALID = That score isn't valid.
error-NOT_ALLOWED = That isn't allowed right now.
error-TOKEN_MISMATCH = That payment was in another token.
error-IDEMPOTENCY_CONFLICT = That request conflicts with an earlier one.
error-LEDGER_UNBALANCED = Something went wrong on our side.
error-PAYMENTS_NOT_CONFIGURED = Payments on Solana are off on this bot: its operator has not set the treasury wallet yet (the TREASURY_ADDRESS setting, with SOLANA_RPC_URL so that payments are seen). Nothing can be paid or linked until then; please tell the bot's operator.
error-RECORDING_NOT_FOUND = I could not find that recording.
error-RECORDING_NOT_GRADED = That recording has not been graded yet: you can appeal once its grade is in.
error-APPEAL_ALREADY_USED = You already appealed this recording's grade: each recording gets one regrade.
error-APPEAL_CANNOT_CHANGE = This recording was not accepted for a reason a regrade of the same files cannot change. Record the task again and upload the new recording.
error-LLM_UNAVAILABLE = The grading assistant is unavailable right now; your recording is graded without it.
error-LLM_BAD_RESPONSE = The grading assistant gave an unusable answer; your recording is graded without it.

factory-edit = ✏️ Edit
edit-choose = ✏️ What do you want to change?
edit-reward = 💰 Reward
edit-threshold = 🎯 Threshold
edit-limits = 🚦 Limits
edit-add-task = ➕ Add a task
edit-remove-task = ➖ Remove a task
edit-ask-reward = New reward per perfect demonstration, in { $token }? (now { $current })
edit-ask-threshold = New minimum score to pay, { $min }–100? (now { $current })
edit-ask-limits = New limits per farmer as "per task, per day, total" (e.g. 3, 10, 50), or "none". (now { $current })
edit-ask-task = Send the new task as "Title: what the farmer should do".
edit-pick-task = Which task should go? Submissions already made for it still settle.
edit-saved = ✅ Saved.
commissions-by-referral = By person:
commissions-last-30-days = Last 30 days: { $amounts }
fund-ask-amount = 💳 How much { $token } do you want to add to **{ $name }**? (pool now { $available })
fund-request =
    💳 Pay { $amount } to fund **{ $name }**.
    Scan the QR code or open the link in your wallet. The pool is credited as soon as the payment is confirmed. Please pay by { $expires }; a payment that arrives later is still credited.
fund-open-wallet = 👛 Open in wallet
doc-pick-task-first = To submit a recording, first pick the factory task it is for: /browse
doc-not-zip = Please send the recording as the .zip file the Forge recorder makes.
doc-too-large = That file is larger than { $limit } MB, the most I can receive here. Upload it with: forge upload
doc-not-enabled = Recordings sent in chat will be accepted once uploads are enabled on this server. Meanwhile use: forge upload
doc-received = 📥 Received { $name } for { $task }. Scoring has started; I'll message you the result.
doc-checking = ⏳ Checking { $name }…
doc-rejected = I could not accept this recording: { $reason }
wallet-link = 🔗 Link a wallet
wallet-verify-request =
    🔗 Pay { $amount } from the wallet you want to link: whichever wallet pays this request becomes yours here. Nothing else is asked of you, ever: no seed phrase, no private key.
    Please pay by { $expires }; a payment that arrives later still links the wallet.
tier-stake = 🪙 Stake CLONES
stake-ask-amount = 🪙 How many CLONES do you want to stake? (you have { $staked } staked)
stake-request =
    🪙 Pay { $amount } to the staking vault. Your tier updates as soon as the payment is confirmed. Please pay by { $expires }; a payment that arrives later still counts.
payment-credited = ✅ Payment received: { $amount } for { $what }. { $detail }
payment-short = It was { $missing } short of the request; send the rest with a new request.
payment-pool-now = Pool now: { $available }.
payment-what-fund = { $name }
payment-what-stake = your stake
payment-what-verify = wallet verification ({ $wallet } is now linked)
admin-unattributed = 💸 Unattributed payments
admin-unattributed-none = No unattributed payments.
admin-unattributed-title = 💸 **Payments that matched no request** (newest first)
admin-unattributed-line = • { $amount } from { $payer }: { $link }
admin-queues = 📋 Queues
admin-queues-off = 📋 The queue dashboard is off: set PUBLIC_URL to the server's public address (it needs Redis too, which runs by default); it is then at PUBLIC_URL/admin/queues.
admin-queues-link = 📋 Your sign-in link to the queue dashboard, for one use within { $minutes } minutes. Whoever opens it is signed in as you: keep it to yourself. { $url }
tier-unstake = 📤 Unstake
unstake-ask-amount = 📤 How many CLONES do you want to unstake? (staked: { $staked }) They leave your stake now and are owed back to you after a 7-day cooldown; the payouts then send them to your wallet.
unstake-started = 📤 Unstaking { $amount }: your tier is now { $tier }. They are due back to you on { $date }; you will get a message with the transaction link when they are sent.
payment-request-seen = 👀 Payment seen on chain: waiting for confirmation (a few seconds). { $link }
payment-request-paid = ✅ Paid: { $amount } received. Thank you! { $link }
payment-tx-link = Transaction: { $link }
payment-request-finalized = ✅ Paid and finalized on chain: { $amount } received. { $link }
wallet-sign = ✍️ Sign a message
wallet-sign-challenge =
    ✍️ Sign this exact message with the wallet you want to link (your wallet's "sign message" feature, or `solana sign-offchain-message` with the Solana CLI). It is valid for 10 minutes and only once:
    ```
    { $message }
    ```
wallet-sign-secret = ⛔ That looks like a seed phrase or a private key. Do not share it with anyone: move your funds to a new wallet if you think someone saw it. I only need the address and the signature.
wallet-sign-linked = ✅ Wallet { $wallet } is now linked to your account.
wallet-sign-SIGNATURE_INVALID = ⚠️ That signature does not match this wallet and message. Check that you signed the exact message above with that wallet, and send it again.
wallet-sign-CHALLENGE_EXPIRED = ⌛ That message has expired or was used already. Open /wallet to get a new one.
wallet-sign-WALLET_TAKEN = ⚠️ That wallet is already linked to another account.
wallet-sign-WALLET_INVALID = ⚠️ That is not a Solana wallet address.
wallet-sign-ACCOUNT_NOT_FOUND = ⚠️ I could not find your account. Send /start and try again.
grade-title = 🧪 **Your recording scored { $score }/100** ({ $factory } — { $task })
grade-regraded = 🔁 **Regrade after your appeal: { $score }/100** (was { $before }).
grade-rejected-title = ❌ **Your recording was not accepted** ({ $factory } — { $task })
grade-rejected-next = Nothing was paid and the reward held for it went back to the pool. Record the task again and upload the new recording; an appeal would check the same files again, so it is not offered.
grade-advice-title = **What cost the most points**
grade-advice-line = • { $name } (−{ $lost }): { $advice }
grade-advice-completeness = keep the recorder running from the first step to the last, without cutting or editing the log.
grade-advice-activity = work through the task steadily; long pauses and a handful of actions score low.
grade-advice-idle = pause the recorder (Ctrl+Alt+P) while you read or think, instead of leaving it running idle.
grade-advice-relevance = do the task the factory asked for, in the app it names.
grade-advice-efficiency = avoid undoing and repeating steps; plan the step before you click.
grade-advice-llm = follow the task's instructions to the end so the AI review can see each step done.
grade-topup-refused = ⚠️ The higher grade stands, but its difference could not be paid: { $reason }
grade-nothing-more = ✅ Accepted, but it adds nothing over your best earlier demonstration of this task.
grade-below = Below this factory's minimum of { $threshold }: no payout this time.
grade-breakdown = **Breakdown**
grade-component = • { $name }: { $points } of { $weight }
grade-reasons = **Why**
grade-appeal-hint = Think the grade is wrong? You can appeal once: the recording is graded again.
grade-appeal = 🔁 Appeal this grade
grade-appeal-queued = 🔁 Appeal received: your recording is being graded again. I will tell you the result.
grading-delayed = ⏳ Grading your recording ({ $factory } — { $task }) is delayed by a problem on our side. The recording is kept and nothing has been scored yet; it will be graded as soon as the problem is fixed, and I will message you the result.
grading-delayed-regrade = ⏳ The regrade after your appeal ({ $factory } — { $task }) is delayed by a problem on our side. Your current grade stands meanwhile; the recording will be graded again as soon as the problem is fixed, and I will message you the result.
grade-part-completeness = Complete and in order
grade-part-activity = Activity
grade-part-idle = Little idle time
grade-part-relevance = Relevant to the task
grade-part-efficiency = Efficient
grade-part-llm = AI review
reason-archive_invalid = The archive is invalid.
reason-schema_invalid = meta.json or the event log is invalid.
reason-video_undecodable = The video does not decode (truncated or corrupt).
reason-duration_mismatch = The video lasts { $videoSeconds } s but the events cover { $eventSeconds } s.
reason-near_duplicate = { $whose ->
    [own] It is a copy of one of your earlier recordings: each recording is paid once.
   *[other] It is { $percent }% similar to another account's recording.
}
reason-events_out_of_order = { $count ->
    [one] { $count } event is out of order.
   *[other] { $count } events are out of order.
}
reason-events_incomplete = The events cover only { $percent }% of the video.
reason-activity_low = Only { $perMinute } actions per minute.
reason-activity_burst = { $perMinute } actions per minute looks scripted.
reason-few_actions = { $count ->
    [one] Only { $count } action.
   *[other] Only { $count } actions.
}
reason-idle_high = { $percent }% of the video is idle.
reason-relevance_low = Only { $percent }% relevant to the task.
reason-relevance_unknown = The task gives nothing to check relevance against.
reason-redundant_actions = { $percent }% of the actions undo or repeat the one before.
reason-llm_absent = No AI review was available; the other parts count for it.
reason-llm_reason = AI review: { $text }
grade-earned = ✅ Earned { $amount } — { $outlook }
payout-paid =
    💸 Paid out { $amount } to { $wallet } for { $what }.
    Transaction: { $link }
payout-what-farmer = your demonstration in { $factory }
payout-what-ambassador = your commission on a paid demonstration by { $name }
payout-what-creator = what you withdrew from { $factory }
payout-what-staker = your unstaked CLONES
payout-someone = someone you referred
payout-rent = Your { $token } token account was opened for it; its rent ({ $rent }) was paid by the platform and stays in that account.
wallet-prompt = 💰 You have money waiting on CLONES Forge: { $amount } owed to you. To receive it, link a Solana wallet with /wallet (pay a tiny verification amount from it, or sign a message). Nobody will ever ask for your seed phrase or private key.
admin-payout-held = ⚠️ Payouts held: { $count ->
    [one] { $count } payout of batch { $batch } failed on chain too many times and is held (still owed).
   *[other] { $count } payouts of batch { $batch } failed on chain too many times and are held (still owed).
} Last error: { $error }
admin-gas-low = ⛽ Payouts are paused: the treasury has { $available } of SOL beyond what it holds for others, and the next batch needs { $needed } for fees and account rent. Send SOL to the treasury (/admin → ⛽ Top up payout gas); payouts resume by themselves. { $link }
admin-gas-ok = ✅ Payouts resumed: the treasury has SOL for network fees again.
payment-what-gas = payout gas (the treasury's SOL for network fees)
payment-again = This request had already been paid; this further payment was credited too.
payment-request-short = ⚠️ { $received } of { $requested } received ({ $missing } missing). What arrived is credited; send the rest with a new request. { $link }
payment-request-short-finalized = ⚠️ { $received } of { $requested } received and finalized on chain ({ $missing } missing). What arrived is credited; send the rest with a new request. { $link }
outlook-paid = paid out to { $wallet }: { $link }
outlook-in-flight = on its way to { $wallet }: the transaction is sent and waiting for confirmation. I will send you its link.
outlook-queued = it goes to { $wallet } with the next payout batch. I will send you the transaction link.
outlook-no-wallet = owed to you: link a wallet with /wallet to receive it. Nothing else is ever needed (no seed phrase, no private key).
outlook-below-minimum = owed to you, paid out once what you are owed reaches { $minimum } (now { $owed }).
outlook-delayed = payouts are delayed: the platform is topping up the SOL it pays network fees with. It is paid out automatically, nothing to do.
outlook-off = owed to you: payouts are not switched on on this server yet (its operator has to configure the payout wallet), so it waits, safely recorded.
outlook-held = owed to you: sending it failed several times and an admin is looking into it.
outlook-due = owed to you, due on { $date }.
grade-earned-plain = ✅ Earned { $amount }.
withdraw-done = 💸 Withdrawal of { $amount } recorded — { $outlook }
factory-withdraw = 💸 Withdraw { $amount }
withdraw-confirm = 💸 Withdraw { $amount } from **{ $name }**? It leaves the pool now and is sent to you with the next payouts.
withdraw-to = It goes to your wallet { $wallet } (the one you linked last).
withdraw-no-wallet = You have no wallet linked yet: it stays owed to you until you link one with /wallet.
withdraw-yes = ✅ Yes, withdraw { $amount }
admin-payouts-running = 💼 Payouts: running.
admin-payouts-paused = 💼 Payouts: paused for lack of SOL for fees (the next batch needs { $needed }, the treasury can spend { $available }).
admin-payouts-off = 💼 Payouts: not running (no payouts process with TREASURY_KEYPAIR has reported in the last minutes).
admin-gas = ⛽ Top up payout gas
gas-ask-amount = ⛽ How much SOL do you want to send to the treasury for payouts' network fees and token-account rent?
gas-request = ⛽ Pay { $amount } to the treasury for payout gas. It is credited to the platform's network-fee account once confirmed. Please pay by { $expires }; a later payment is still credited.
cmd-boost = Burn CLONES for an XP boost
boost-title = 🔥 **XP boosts**
boost-current = Your boost: { $multiplier } XP until { $until } UTC.
boost-current-none = You have no XP boost right now.
boost-how = Burn CLONES from your wallet and every accepted demonstration earns more XP for a while. Burning again adds time, and the higher multiplier applies. The CLONES are destroyed on chain, not paid to anyone.
boost-off = XP boosts are not available on this server yet (its operator has to set PUBLIC_URL, the server's public address, and CLONES_MINT).
boost-option = 🔥 Burn { $clones } CLONES → { $multiplier } XP for { $hours } h
boost-request =
    🔥 Burn { $clones } CLONES for { $multiplier } XP for { $hours } hours.
    Scan the QR code or open the link in your wallet: it shows the burn before you sign it. The boost applies as soon as the burn is confirmed. Please sign by { $expires }.
boost-applied = 🔥 Burn confirmed: { $amount } destroyed. Your XP boost is { $multiplier } until { $until } UTC. { $link }
boost-too-small = ⚠️ That burn was { $amount }, less than the boost asks for ({ $requested }): it grants no boost. { $link }
boost-wrong-token = ⚠️ That transaction burned another token, not CLONES: it grants no boost. { $link }
admin-reconcile = 🔍 Reconciliation of the treasury with the ledger found { $count ->
    [one] { $count } difference; look into it:
   *[other] { $count } differences; look into them:
}
reason-meta_invalid = { $problem ->
    [file] meta.json { $detail }.
   *[field] meta.json is invalid: { $field } { $detail }.
}
reason-input_log_invalid = { $problem ->
    [too_large] The event log (input_log.jsonl) is larger than { $lines } MiB.
    [too_many_events] The event log (input_log.jsonl) has more than { $lines } lines (from line { $line }).
   *[unreadable] The event log (input_log.jsonl) cannot be read: { $count } of its { $lines } lines are damaged, the first at line { $line } ({ $detail }).
}
reason-events_outside_recording = { $count ->
    [one] One event falls
   *[other] { $count } events fall
} up to { $seconds } s outside the recording's own time (the timestamp and duration in meta.json): the event log is not this recording's.
reason-input_lines_skipped = { $count ->
    [one] One damaged line of the event log was skipped: line { $line } ({ $detail }).
   *[other] { $count } damaged lines of the event log were skipped, the first at line { $line } ({ $detail }).
}
error-AMOUNT_AMBIGUOUS = I can't tell whether "{ $input }" means { $whole } or a number with decimals. Send { $whole } for the first, or { $decimal } (one more decimal place) for the second.
tier-supply-chain = Measured against the on-chain total supply of { $supply } CLONES, read from mint { $mint } at { $time }.
tier-supply-setting = Measured against a total supply of { $supply } CLONES set by this server (CLONES_SUPPLY).
cmd-devices = Your paired recorders
devices-button = 🖥 Devices
devices-title = 🖥 **Your recorders**
devices-none = No recorder is paired with your account. To pair one, pick a task in /browse and run the `forge login` command it shows.
devices-item = { $n }. **{ $label }**: paired { $paired }, last used { $used }{ $state ->
    [expired] . Expired: unused for { $days } days, it must pair again before it can upload.
   *[live] {""}
}
devices-unnamed = Recorder
devices-never-used = never
devices-how = Revoke a recorder you no longer use, or one on a machine you lost: it can no longer upload, and the recordings on that machine stay there. Recorders unused for { $days } days stop working by themselves.
devices-revoke = ✖ Revoke { $n }. { $label }
devices-revoke-all = ✖ Revoke all
devices-revoke-all-ask = Revoke all { $count ->
    [one] your recorder
   *[other] { $count } of your recorders
}? Each will need a new code from the bot before it can upload again.
devices-revoke-all-yes = Yes, revoke all
devices-keep = No, keep them
devices-revoked = Revoked: that recorder can no longer upload. To use it again, pair it with a new code.
devices-not-yours = That recorder is not one of yours, or it was already revoked: nothing changed.
devices-revoked-all = Revoked { $count ->
    [one] your recorder: it
   *[other] { $count } recorders: they
} can no longer upload. To use one again, pair it with a new code.
devices-none-to-revoke = There was no recorder left to revoke: nothing changed.
devices-unavailable = Recorders are not set up on this server, so there are none to list.
person-unnamed = a farmer
error-text-not-visible = A name or title needs at least one visible letter, number or symbol: spaces, invisible characters and text-direction controls don't count.
cmd-link = Link your Telegram and Discord accounts into one
link-code = 🔗 **Link your accounts**
    Your one-time code: `{ $code }` (valid { $minutes } minutes, usable once).
    { $other ->
        [discord] On Discord, run the CLONES Forge bot's `/link` command and put the code in its `code` field.
       *[telegram] On Telegram, send `/link { $code }` to the CLONES Forge bot.
    } Your two accounts then become one, on both bots: earnings, XP, referrals, factories and wallets together.
    ⚠️ Never give this code to anyone: whoever enters it takes over this account.
link-linked = ✅ **Accounts linked.** Your Telegram and Discord accounts are now one account: what both had is together, on both bots.
link-summary = ⭐ XP: { $xp } (level { $level }) · 🤝 Referrals: { $referrals }
error-LINK_CODE_INVALID = That isn't a valid link code. Use /link on the bot where you have your other account to get one, then enter it here with /link.
error-LINK_CODE_EXPIRED = That link code has expired (codes last 10 minutes). Use /link on your other account's bot for a new one.
error-LINK_CODE_USED = That link code was already used: each code works once. Use /link on your other account's bot for a new one.
error-LINK_SAME_ACCOUNT = That code comes from this same account: send it to the bot on your other platform instead.
error-LINK_SAME_PLATFORM = These two accounts can't be linked: both are on the same platform (an account joins one Telegram and one Discord account). Nothing changed.
error-LINK_PAYOUT_IN_FLIGHT = A payout to one of these accounts is being sent right now. Try again in a few minutes, once it has arrived. Nothing changed.
error-LINK_REFERRAL_CYCLE = These accounts can't be linked: one invited someone who (directly or not) invited the other, and linking would make a loop. Nothing changed.
error-LINK_RATE_LIMITED = You've asked for several link codes in the last hour. Use the latest one, or ask again in an hour.
error-LINK_TOO_MANY_ATTEMPTS = Too many wrong link codes in the last hour. Wait an hour, then try again with a fresh code.
error-LINK_ALREADY_LINKED = Your account is already linked on both Telegram and Discord.


## Discord community: server invites, /join, server settings, announcements, DM-closed notices
discord-invite =
    📣 **Your invite to { $server }**
    { $invite }

    People who join this server through it are yours for good. You earn { $rate } of the reward of every demonstration they are paid for, out of the platform fee, at your staking tier. A join alone earns nothing: commissions come only from their later paid activity.
discord-invite-dm =
    📣 **Your referral code: `{ $code }`**

    Run /invite in a server to get your own invite to it. People you bring are yours for good; you earn { $rate } of the reward of every demonstration they are paid for, out of the platform fee. A join alone earns nothing: commissions come only from their later paid activity.
discord-invite-telegram = On Telegram: { $link }
discord-invite-code = Anyone who joined another way can type `/join { $code }`.
discord-invite-no-permission = I could not create an invite here: I need the Create Invite permission in this channel. An admin can grant it; meanwhile people can type `/join { $code }`.
discord-join-done = 🤝 You joined through { $referrer }, for good. They earn a commission only from your later paid activity, never from your joining.
discord-join-same = You already joined through { $referrer }: nothing changed.
discord-join-already = You already joined through another ambassador; the first one counts, for good. Nothing changed.
discord-join-self = That is your own code: you cannot refer yourself. Nothing changed.
discord-join-cycle = You cannot join through that ambassador: they joined through you. Nothing changed.
discord-join-unknown = No ambassador has the code `{ $code }`. Check it (it is on their /invite) and try again.
discord-join-invalid = A referral code is 4 to 16 letters and digits, like `ABCD2345`. Nothing changed.
discord-joined-server = 🤝 Welcome to { $server }! You joined through { $referrer }'s invite. They earn a commission only from your later paid activity, never from your joining.
discord-settings-title = ⚙️ **Community settings of { $server }**
discord-settings-announce = Announcements channel: { $channel }
discord-settings-notice = Channel for DM notices: { $channel }
discord-settings-notice-default = the announcements channel
discord-settings-unset = not set
discord-settings-featured = Featured factories: { $names }
discord-settings-featured-none = none
discord-settings-help = Choose the channels and the factories to feature below. When someone's DMs are closed, a short notice without any details asks them to open their DMs.
discord-settings-pick = Factories to feature
discord-settings-no-factories = There are no live factories to feature right now.
discord-settings-forbidden = Only members with the Manage Server permission can change this server's settings. Nothing changed.
discord-settings-guild-only = Settings belong to a server: run /settings in one.
discord-settings-bad-channel = I cannot post in { $channel }: choose a text or announcement channel where I can send messages. Nothing changed.
discord-settings-saved = ✅ Saved.
discord-settings-featured-saved = ✅ Featured factories saved. { $announced ->
        [0] No new ones to announce.
        [one] The new one was announced in { $channel }.
       *[other] The { $announced } new ones were announced in { $channel }.
    }
discord-settings-featured-no-channel = ✅ Featured factories saved. Choose an announcements channel to announce them.
discord-settings-featured-gone = Some of those factories are no longer live; pick again from the current list. Nothing changed.
discord-announce =
    📢 **Featured factory: { $name }**
    { $useCase }

    Earn up to { $reward } per demonstration (after the 10% platform fee), paid from a score of { $threshold }.
discord-announce-open = 🎬 Open
discord-dm-closed = you have a new notification from me, but I cannot send you direct messages. Open your DMs with me, or enable direct messages from server members in this server's privacy settings, to read it.
cmd-join = Name the ambassador who brought you, by their code
cmd-join-code = Their referral code, e.g. ABCD2345
cmd-settings = Server settings: announcements channel and featured factories
discord-invite-reason = Ambassador invite of referral code { $code } (/invite)
discord-settings-pick-announce = Announcements channel
discord-settings-pick-notices = Channel for DM notices

## Discord bot: commands, and what only the Telegram bot does for now
discord-newfactory = New factory
discord-wizard-edit = Edit factory
discord-wizard-fund = Amount
discord-wizard-title = { $title } ({ $page }/{ $count })
discord-wizard-choose = Step { $page } of { $count }: pick the { $field }.
discord-wizard-next = Saved. Step { $page } of { $count } is next: press Continue to fill it in.
discord-wizard-continue = ▶️ Continue
discord-wizard-restart = 🔄 Start over
discord-wizard-retry = ✏️ Try again
discord-wizard-resume = 🏭 You have a factory in progress (maybe begun on Telegram), at step { $page } of { $count }. Continue where you left off, start over, or cancel it.
discord-wizard-resume-summary = 🏭 You have a factory in progress (maybe begun on Telegram) with every answer in: continue to see its summary and create it, start over, or cancel it.
discord-wizard-none = Nothing is in progress: that form is over or was cancelled. Start again with /newfactory, or from a factory's card.
discord-pay-link = Scan the QR code with your wallet, or open this Solana Pay link in it:
discord-opt-link-code = The code the Telegram bot gave you (leave empty to get a code for Telegram)
discord-telegram-only = This step is only in our Telegram bot for now: open the CLONES Forge bot on Telegram to do it.
discord-language-note = On Discord my replies follow your Discord app's language; this choice is for the messages I send you on my own (DMs) and for the Telegram bot.
discord-opt-live-factory = Open a live factory directly (start typing its name)
discord-opt-own-factory = Open one of your factories directly (start typing its name)
discord-appeal-off = Appeals are not available yet: nothing was changed.
discord-nav-invite = 📣 Run /invite in a server to get your own invite to it, with your referral code.

# wallet & boosts on Discord
wallet-sign-ask-address = Now send me the address of the wallet that signed it. Never send your seed phrase or private key: nobody needs them, not even us.
wallet-sign-ask-signature = And the signature your wallet gave (base58, about 88 characters).
wallet-sign-signature-format = ⚠️ That is not a signature: a Solana signature is 64 bytes in base58, about 88 characters. Copy it again from your wallet.
wizard-label-wallet = Wallet address
wizard-label-signature = Signature (base58)
discord-wizard-walletsign = Link a wallet
discord-wizard-intro-next = Once it is signed, press Continue and paste the wallet's address and the signature.
discord-pay-dm = 📬 I sent you the payment request in a DM: that message updates once it is paid. Its link, to open in your wallet:
discord-pay-here = 📬 Your payment request is in this chat: that message updates once it is paid.
discord-pay-dm-closed = 📪 I could not send you a DM (your DMs are closed to me), so here is the request. News of the payment comes wherever I can reach you: open your DMs to get it in Discord.

# datasets
error-DATASET_NOTHING_NEW = No recordings were paid since your last export (recordings paid in the last minute go in the next one).
error-DATASET_EXPORT_NOT_FOUND = That dataset export does not exist.
dataset-title = **📦 Dataset**
dataset-format = Exports are one zip: Parquet shards that Hugging Face `datasets` loads directly (one row per step, with its keyframe), the same rows as JSONL, and a dataset card saying how scores are computed. Farmers appear as pseudonyms; masked keys stay masked.
dataset-building = Export { $sequence } is being built: { $progress }% ({ $recordings } recordings).
dataset-refresh = 🔄 Refresh
dataset-failed = Export { $sequence } could not be built. Its { $recordings } recordings go in the next export.
dataset-ready = Export { $sequence } is ready: { $recordings } recordings, { $steps } steps, { $size } MB. The download link works for 24 hours; open the factory's 📦 Dataset view again for a fresh one.
dataset-download = ⬇️ Download export { $sequence }
dataset-no-link = Downloads need the server's public address (PUBLIC_URL), which is not set: ask the platform's admin.
dataset-new = { $count ->
    [one] 1 paid recording is not in an export yet.
   *[other] { $count } paid recordings are not in an export yet.
}
dataset-nothing-new = No recordings were paid since the last export (a recording paid in the last minute waits for the next one).
dataset-export = 📦 Export { $count } new
dataset-started = Export { $sequence } started: { $recordings } recordings.
dataset-already = Export { $sequence } is already being built.
dataset-button = 📦 Dataset
dataset-off = Dataset exports are off on this bot: its operator has to set DATASETS_SECRET (a random secret of at least 32 characters) to turn them on.

## Dataset tokens (bots/flows/dataset-tokens.ts, token-launch.ts, notices/dataset-tx-notice.ts)
cmd-datasets = Dataset tokens: prices, trading, burn to download
cmd-metadataset = Bundle dataset tokens into a meta-dataset (admins)
dtok-off = Dataset tokens are off: the operator sets DATASET_TOKENS=on (with CURVE_SECRET_KEY on the server, DATASETS_SECRET, SOLANA_RPC_URL, TREASURY_ADDRESS and PUBLIC_URL).
dtok-list-title = 🪙 **Dataset tokens**
dtok-list-none = No dataset token is live yet. A factory's creator launches one from the factory's 📦 Dataset view.
dtok-line = • { $name } — ${ $symbol }: { $price } SOL per token · supply { $supply } · market cap { $cap } SOL · volume { $volume } SOL
dtok-claim = 🎁 Claim { $amount } ${ $symbol }
dtok-claim-how = 🎁 A meta-dataset includes your token: claim your share of its allocation with the buttons below.
dtok-title = 🪙 **{ $name }** (${ $symbol })
dtok-meta = A meta-dataset: it includes { $symbols }. Burning it unlocks all of them.
dtok-price = Price: { $price } SOL per token
dtok-supply = Supply: { $supply } ${ $symbol }
dtok-cap = Market cap: { $cap } SOL
dtok-volume = Volume: { $volume } SOL in { $trades } trades
dtok-burn = Burn to download: { $amount } ${ $symbol } ({ $share }% of the supply)
dtok-slippage = Slippage: { $percent }% (a trade is not made if the price moved more than that against you)
dtok-slip = { $percent }%
dtok-slip-chosen = ✅ { $percent }%
dtok-buy = Buy { $sol } SOL
dtok-sell = Sell { $percent }%
dtok-burn-button = 🔥 Burn to download
dtok-download = ⬇️ Download
dtok-refresh = ↻ Refresh
dtok-all = 🪙 All tokens
dtok-launching = 🚀 This token is launching: trading opens once its launch lands on chain.
dtok-pay-buy = 🛒 **Buy ${ $symbol } with { $sol } SOL**: about { $tokens } ${ $symbol } at today's price, at most { $slippage }% fewer. The wallet that opens this request pays and gets the tokens.
dtok-pay-sell = 💱 **Sell { $percent }% of your ${ $symbol }**: { $percent }% of the ${ $symbol } in the wallet that opens this request, for SOL at most { $slippage }% worse than today's price.
dtok-pay-burn = 🔥 **Burn { $amount } ${ $symbol } to download**: the wallet that opens this request burns them. Once the burn lands on chain, I send you the download links.
dtok-pay-price = The price is fixed when your wallet opens this request, not now. If another trade on this token lands first, your wallet is told to ask again: press the button again for a fresh quote. Nothing moves until you approve it in your wallet.
dtok-pay-once = Nothing is burned until you approve it in your wallet.
dtok-pay-expires = Open it before { $expires }.
dtok-pay-claim = 🎁 **Claim { $amount } ${ $symbol }**: your share of the meta-dataset's allocation, minted to the wallet that opens this request. Nothing is minted until you approve it in your wallet.
dtok-download-ready = ⬇️ **${ $symbol }**: { $count } download links, each valid for 24 hours.
dtok-download-none = You have access to ${ $symbol }, but none of its exports is ready yet. Try again later.
dtok-download-link = ⬇️ Export { $sequence }
dtok-no-access = 🔒 To download ${ $symbol }, burn { $amount } ${ $symbol } from a wallet that holds them (🔥 Burn to download). Buy them first if you have none.
dataset-token-live = 🪙 Its token ${ $symbol } is live.
dataset-token-open = 🪙 ${ $symbol }
dataset-token-launching = 🚀 Its token ${ $symbol } is launching: it goes live once the launch lands on chain.
dataset-token-launch = 🚀 Launch token
dtl-name = 🚀 **Launch a dataset token** (1/3). What is the token's name? (3 to 32 letters, digits, spaces, dots or dashes)
dtl-symbol = (2/3) Its symbol? (2 to 10 letters or digits, e.g. CLEO)
dtl-share = (3/3) How much of the supply does a holder burn to download the dataset? You get the same amount when the token launches.
dtl-label-name = Token name
dtl-label-symbol = Symbol
dtl-label-share = Burn to download
dtl-retry-name = Please send a name of 3 to 32 letters, digits, spaces, dots or dashes.
dtl-retry-symbol = Please send a symbol of 2 to 10 letters or digits.
dtl-retry-share = Please pick one of the buttons: 0.5%, 1%, 2% or 5%.
dtl-pay =
    🚀 **Launch ${ $symbol }** ({ $name }): open this with the wallet you linked with /wallet (another wallet is refused).
    It costs { $fee } SOL and { $clones } CLONES, plus about { $backing } SOL, the price of the allocation, paid into the curve: { $allocation } ${ $symbol } go to that wallet.
    The token goes live once the launch lands on chain: I'll tell you. Open it before { $expires }.
dtl-pay-meta =
    🚀 **Launch the meta-dataset ${ $symbol }** ({ $name }), bundling { $members }: open this with the wallet you linked with /wallet (another wallet is refused).
    No launch fee: it costs about { $backing } SOL, the price of the allocation, paid into the curve: { $allocation } ${ $symbol } that the included datasets' creators claim from /datasets.
    It goes live once the launch lands on chain: I'll tell you. Open it before { $expires }.
meta-title = 🧩 **New meta-dataset**
meta-how = Pick { $min } to { $max } live dataset tokens to bundle, then Continue.
meta-picked = Picked ({ $count }): { $symbols }
meta-picked-none = Nothing picked yet.
meta-too-few = There are not enough live dataset tokens to bundle yet.
meta-on = ✅ ${ $symbol }
meta-off = ${ $symbol }
meta-continue = ➡️ Continue
earnings-token-fees = 🪙 **Volume fees of your dataset tokens**: { $amount } SOL
earnings-token-fee = ${ $symbol }: { $amount } SOL
dtx-explorer = 🔎 View on the explorer
dtx-kind-launch = launch
dtx-kind-buy = buy
dtx-kind-sell = sale
dtx-kind-unlock = burn to download
dtx-kind-claim = claim
dtx-failed = ❌ Your ${ $symbol } { $kind } failed on chain: nothing moved, only the network fee was paid. You can ask again from /datasets.
dtx-launch = 🚀 **{ $name }** (${ $symbol }) is live: anyone can trade it from /datasets.
dtx-buy = ✅ You bought { $tokens } ${ $symbol } for { $sol } SOL.
dtx-sell = ✅ You sold { $tokens } ${ $symbol } for { $sol } SOL.
dtx-unlock = 🔓 You burned { $tokens } ${ $symbol }: the dataset is yours to download.
dtx-unlock-no-links = 🔓 You burned { $tokens } ${ $symbol }: you may download the dataset. No export is ready yet; use ⬇️ Download in /datasets later.
dtx-claim = 🎁 You claimed { $tokens } ${ $symbol }: they are in your wallet.
discord-wizard-tokenlaunch = Launch a dataset token
discord-wizard-metalaunch = New meta-dataset
error-DATASET_NO_EXPORT = The factory has no dataset export ready yet: export one from its 📦 Dataset view first, then launch.
error-DATASET_TOKEN_EXISTS = This factory's dataset already has a token: open it from /datasets.
error-DATASET_TOKEN_NOT_FOUND = That dataset token doesn't exist (any more). See the live ones in /datasets.
error-DATASET_TOKEN_NOT_LIVE = That token isn't live yet: trading opens once its launch lands on chain. Try again in a minute.
error-DATASET_TX_NOT_FOUND = That request doesn't exist. Ask again from /datasets.
error-DATASET_TX_DONE = That request was already used. Ask again from /datasets for a new one.
error-DATASET_TX_EXPIRED = That request expired. Ask again from /datasets for a new one.
error-DATASET_TX_TAKEN = Another wallet already opened that request. Ask again from /datasets for your own.
error-DATASET_ACCESS_ALREADY = You can already download this dataset: press ⬇️ Download, nothing needs burning.
error-DATASET_NO_ACCESS = You can't download this dataset yet: burn its tokens first (🔥 Burn to download in /datasets).
error-WALLET_NOT_VERIFIED = Open it with the wallet you linked with /wallet (or link this wallet there first).
error-HOLDINGS_TOO_LOW = That wallet doesn't hold enough of this token. Buy some first, or open it with the wallet that holds them.
error-CURVE_BUSY = Another trade on this token is waiting for its wallet. Try again in a minute.
error-CURVE_SLIPPAGE = The price moved more than your slippage allows. Check the new price and try again, or pick a larger slippage.
error-CURVE_SOLD_OUT = The curve doesn't have that many tokens left to sell. Try a smaller amount.
error-CURVE_AMOUNT_TOO_SMALL = That amount is too small to trade. Try a larger one.
error-CURVE_SELL_EXCEEDS_SOLD = That is more than the curve can buy back. Try selling a smaller share.

## Charts (drawn in a picture: plain text, no emoji, no markup)
chart-subtitle = Last { $days } days, UTC
chart-empty = Nothing yet
chart-paid = Paid
chart-waiting = Waiting to be paid
chart-earnings-title = What you earned per day
chart-earnings-panel = Earned per day
chart-commissions-title = Your commissions
chart-commissions-daily = Commissions per day
chart-commissions-referrals = Per person you referred, all time
chart-person = Person { $n }
chart-factory-untitled = Your factory
chart-submissions = Submissions per day
chart-passed = Passed
chart-failed = Below the threshold
chart-pending = Waiting for a score
chart-released = Refused or given up
chart-scores = Scores (all time)
chart-threshold = Threshold
chart-pool = Pool balance
chart-alt-earnings = Chart: what you earned per day over the last 30 days.
chart-alt-commissions = Chart: your commissions per day and per person you referred.
chart-alt-factory = Chart: submissions per day, scores against the threshold and the pool balance.
factory-stats = 📊 Stats
dashboard-button = 📱 Dashboard
dashboard-link = 📱 Your dashboard: every factory with its pool, submissions, scores and best and worst recordings, and the card's buttons. The button below opens it once, within { $minutes } minutes; press 📱 Dashboard again for a new one.
dashboard-open = Open the dashboard
dashboard-off = The dashboard is off on this bot: its operator has not set the server's public HTTPS address (the PUBLIC_URL setting).
factory-stats-text =
    📊 **{ $name }**: the last { $days } days
    Submissions: { $total } ({ $passed } passed, { $failed } below the threshold of { $threshold }, { $pending } waiting for a score, { $released } refused or given up)
    Pass rate: { $passRate } of those scored
    Pool: { $pool } now ({ $poolThen } at the end of { $since })
factory-stats-best = Best recordings: { $scores }
factory-stats-worst = Lowest recordings: { $scores }
