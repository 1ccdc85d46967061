//! English phrase bank. Topic order follows `topics::Topic`.

use super::text::{ArticleText, Phrases, TopicText};

const fn a(
    title: &'static str,
    intro: &'static str,
    steps: [&'static str; 3],
) -> Option<ArticleText> {
    Some(ArticleText {
        title,
        intro,
        steps,
    })
}

#[rustfmt::skip]
pub(super) static PHRASES: Phrases = Phrases {
    topics: [
        // LoginProblem
        TopicText {
            subjects: &["Can't log in to my account", "Login keeps failing", "Unable to sign in since this morning", "Locked out of my account"],
            details: &[
                "I'm trying to sign in to {brand} but it keeps saying my credentials are invalid. I'm sure the password is right.",
                "Since yesterday I get an endless redirect loop on the login page. I've cleared cookies and tried another browser.",
                "Every time I log in I'm thrown out again after a few seconds. Error code {n} flashes on the screen.",
            ],
            more_subjects: &["Sign-in not working for me", "Stuck on the login screen"],
            more_details: &[
                "The sign-in button just spins and nothing happens. I can't get past the login screen on {brand}.",
                "I'm locked out: the site says my account is temporarily blocked after too many attempts.",
            ],
            reply: "Your account had been locked after several failed sign-in attempts. I've removed the lock and reset your session, so please try again in a private browser window and let me know if it works.",
            praise: &["Got me back into my account within minutes.", "The login issue was sorted out really quickly.", "Finally able to sign in again, thanks for the quick fix."],
            complaint: &["Still can't log in reliably, had to write three times.", "Took far too long just to get access to my own account."],
            article: a("Troubleshooting sign-in problems",
                "Most sign-in problems are caused by saved passwords, blocked cookies or an account lock after several failed attempts.",
                ["Open the sign-in page in a private window to rule out old cookies.", "Make sure you use the e-mail address your account was created with.", "After five failed attempts, wait 15 minutes: the lock lifts automatically."]),
        },
        // PasswordReset
        TopicText {
            subjects: &["Password reset email not arriving", "How do I reset my password?", "Reset link expired", "Forgot my password"],
            details: &[
                "I requested a password reset twice but no email has arrived, not even in spam.",
                "I forgot my password and can't find where to reset it in the {brand} app.",
                "The reset link says it has expired even though I clicked it right away.",
            ],
            more_subjects: &["Need a new password", "Password change link doesn't work"],
            more_details: &[
                "I need to change my password but the link in the e-mail opens a blank page.",
                "Could you send me a new password link? The old one never came through.",
            ],
            reply: "I've sent you a fresh password reset link; it is valid for 24 hours. If it does not show up within a few minutes, please check your spam folder or add no-reply@acme-demo.example to your contacts.",
            praise: &["Password reset done in two minutes, perfect.", "Quick help with my password, exactly what I needed.", "New reset link worked straight away."],
            complaint: &["The reset link expired again before I could use it.", "I still never received the reset e-mail."],
            article: a("How to reset your password",
                "You can reset your password yourself at any time from the sign-in page.",
                ["Click \"Forgot password?\" on the sign-in page.", "Enter your account e-mail address and open the link we send you within 24 hours.", "Choose a new password with at least 10 characters."]),
        },
        // TwoFactor
        TopicText {
            subjects: &["Not receiving 2FA codes", "Two-factor code invalid", "Lost my phone, can't pass two-factor"],
            details: &[
                "The SMS with the verification code never arrives, so I'm stuck at the two-factor step.",
                "My authenticator app codes are rejected as invalid every single time.",
                "I got a new phone and lost access to my authenticator. How can I get back in?",
            ],
            more_subjects: &["Verification code never arrives", "Authenticator codes rejected", "New phone, 2FA locked me out"],
            more_details: &[
                "I changed my phone number and now the security codes go to the old number.",
                "The six-digit code from my authenticator app is always rejected, even right after it refreshes.",
            ],
            reply: "I've verified your identity and temporarily turned off two-factor authentication on your account. Please sign in and set it up again under Settings > Security, and keep the backup codes somewhere safe this time.",
            praise: &["Sorted out my two-factor problem quickly and safely.", "Very helpful with the 2FA reset."],
            complaint: &["Verification codes still arrive too late to use.", "The identity check for 2FA took days."],
            article: None,
        },
        // LoginOutage
        TopicText {
            subjects: &["Site down? Can't log in", "Login page returns error 503", "Is there an outage right now?"],
            details: &[
                "None of our team can log in right now, the page just shows error 503.",
                "Login is completely broken for everyone in our company since about an hour ago.",
                "Is {brand} down? We get a server error on every sign-in attempt.",
            ],
            more_subjects: &["Nobody on our team can sign in", "Server error on login for everyone"],
            more_details: &[
                "Our whole office gets a server error when signing in. Is there an incident on your side?",
                "The login page has been timing out for all of our users for the last 30 minutes.",
            ],
            reply: "We are aware of a service disruption affecting sign-in and our engineers are working on it right now. You can follow the updates on our status page, and I'll let you know as soon as it is resolved.",
            praise: &["Kept us informed during the outage, appreciated.", "Clear updates while the service was down."],
            complaint: &["The outage cost us half a day of work.", "No proactive notice about the outage, we had to ask."],
            article: a("What to do during a service disruption",
                "If you cannot reach our service, first check status.acme-demo.example for ongoing incidents.",
                ["Check the status page for an ongoing incident and subscribe to updates.", "If no incident is listed, try another network or browser.", "Contact us with the time and any error code you see."]),
        },
        // DoubleCharge
        TopicText {
            subjects: &["Charged twice this month", "Duplicate payment on my card", "Double charge on invoice {n}"],
            details: &[
                "My card was charged twice for the same subscription this month. Please refund the duplicate.",
                "I see two identical payments from {brand} on my bank statement today.",
                "We were billed twice for invoice {n}. Our finance team needs this fixed quickly.",
            ],
            more_subjects: &["Billed twice for one subscription", "Two identical payments taken", "Duplicate charge, please fix"],
            more_details: &[
                "My bank shows the same {brand} payment taken twice on the same day. Only one subscription is active.",
                "We paid invoice {n} once, but the amount was debited from our company card two times.",
            ],
            reply: "I'm sorry about the duplicate charge. I've confirmed it on our side and refunded the second payment; depending on your bank it takes 5–10 business days to show on your statement.",
            praise: &["The duplicate charge was refunded without any fuss.", "Billing mistake fixed immediately."],
            complaint: &["Charged twice and waited ages for the money back.", "Still waiting for the duplicate payment to be returned."],
            article: a("Why do I see two charges?",
                "A second charge is usually a temporary authorization hold that your bank releases within a few days.",
                ["Compare the amounts: a hold is often a small fixed amount.", "Wait three business days for pending holds to disappear.", "If both charges are still settled after that, contact us with your invoice number."]),
        },
        // RefundRequest
        TopicText {
            subjects: &["Refund request", "Requesting a refund for my annual plan", "When will I get my refund?"],
            details: &[
                "I cancelled within the trial period and would like a full refund, please.",
                "I was promised a refund {n} days ago but nothing has arrived yet.",
                "Please refund my annual plan, we no longer need the product.",
            ],
            more_subjects: &["Money back for unused subscription", "Refund still not received", "Cancel and refund please"],
            more_details: &[
                "We cancelled the plan and would like our money back for the unused months.",
                "It has been {n} days since you confirmed my refund and my bank still shows nothing.",
            ],
            reply: "I've processed your refund to the original payment method. You'll receive a confirmation e-mail shortly, and the money usually arrives within 5–10 business days.",
            praise: &["Refund processed fast and without questions.", "Got my money back quickly, great service."],
            complaint: &["Refund took two weeks, terrible.", "Had to chase the refund several times."],
            article: a("Refund policy and how to request a refund",
                "You can get a full refund within 14 days of purchase and a prorated refund for annual plans.",
                ["Go to Settings > Billing and choose \"Request refund\".", "Select the invoice and tell us the reason.", "The refund goes back to the original payment method within 5–10 business days."]),
        },
        // InvoiceQuestion
        TopicText {
            subjects: &["Question about my invoice", "Need VAT number on invoice", "Where can I download invoices?"],
            details: &[
                "Could you add our company VAT number to the last invoice?",
                "I can't find where to download past invoices for our accounting.",
                "The amount on invoice {n} doesn't match our plan. Can you explain?",
            ],
            more_subjects: &["Invoice shows wrong amount", "Need a copy of last month's invoice", "Company details missing on invoice"],
            more_details: &[
                "Our accountant needs the invoices for the last quarter as PDF. Where can I get them?",
                "Invoice {n} shows our old company address. Could you issue a corrected one?",
            ],
            reply: "You can download all invoices under Settings > Billing > Invoices. I've also added your VAT number and re-issued the latest invoice, which you'll find attached.",
            praise: &["Clear explanation of the invoice.", "Got the corrected invoice the same day."],
            complaint: &["The invoice still shows the wrong company name.", "A simple invoice question and it took days."],
            article: a("Downloading invoices and adding tax details",
                "Every payment creates an invoice that account owners can download at any time.",
                ["Open Settings > Billing > Invoices.", "Click an invoice to download it as PDF.", "Add your VAT number under Billing details; new invoices will include it."]),
        },
        // ShippingDelay
        TopicText {
            subjects: &["Where is my card reader?", "Order {n} not delivered", "Shipping delay", "Tracking not updating"],
            details: &[
                "I ordered a card reader two weeks ago and the tracking hasn't updated since.",
                "Order {n} was supposed to arrive last Friday. Where is it?",
                "The courier marked my package as delivered but I never received it.",
            ],
            more_subjects: &["Package still not here", "Delivery is late"],
            more_details: &[
                "My order {n} has been stuck 'in transit' for ten days now.",
                "The delivery date for my card reader keeps moving. When will it actually arrive?",
            ],
            reply: "I've checked with our shipping partner: your parcel was held at the regional depot and is now back in transit. The new tracking link is on your order page, and I've upgraded the delivery to express at no cost.",
            praise: &["Found my parcel and upgraded the delivery, brilliant.", "Really helpful with the shipping delay."],
            complaint: &["Still no card reader after three weeks.", "Nobody could tell me where my order actually is."],
            article: None,
        },
        // AppCrash
        TopicText {
            subjects: &["App crashes on startup", "Mobile app keeps closing", "Crash after latest update"],
            details: &[
                "Since the latest update the {brand} app closes immediately after opening.",
                "The app crashes every time I open the payments tab. Phone: Android 14.",
                "The iOS app freezes and then crashes when I try to upload a photo.",
            ],
            more_subjects: &["App freezes and closes", "Mobile app crashing constantly", "Android app won't open"],
            more_details: &[
                "The app crashes as soon as I tap the login button. I've restarted my phone twice.",
                "After updating iOS the {brand} app shuts down right after the splash screen.",
            ],
            reply: "Thanks for the details. This crash comes from a bug in version 5.2 that our developers have already fixed, so please update to the latest version from the app store. Reinstalling the app also clears the damaged cache.",
            praise: &["The workaround fixed the crash right away.", "App works again after the update they suggested."],
            complaint: &["The app still crashes after the update.", "Was told to reinstall three times, it did not help."],
            article: a("The mobile app crashes or closes unexpectedly",
                "Crashes are almost always fixed by updating the app or clearing its cache.",
                ["Update the app to the latest version from the App Store or Google Play.", "Restart your phone and open the app again.", "If it still crashes, reinstall the app; your data is kept in your account."]),
        },
        // ApiErrors
        TopicText {
            subjects: &["API returns 500 errors", "Getting 429 Too Many Requests", "Webhook calls failing"],
            details: &[
                "Our integration gets intermittent HTTP 500 responses from the orders endpoint since yesterday.",
                "We hit 429 rate limit errors even though we send fewer than {n} requests per minute.",
                "Webhooks stopped arriving at our endpoint; the delivery log shows timeouts.",
            ],
            more_subjects: &["Intermittent 500s from the API", "Rate limit hit too early", "API requests timing out"],
            more_details: &[
                "About one in ten API calls fails with an internal server error since this morning.",
                "Our API requests time out after 30 seconds and the rate limit kicks in at {n} requests per minute.",
            ],
            reply: "I've looked at your request logs: the errors come from unpaginated requests that exceed our 30-second limit. Using the cursor parameter described in the API guide fixes it, and I've raised your rate limit for the next two weeks.",
            praise: &["The engineer understood our API issue immediately.", "Very competent help with the rate limits."],
            complaint: &["API errors continue and nobody explains why.", "Generic answers, the agent didn't understand the API."],
            article: a("API error codes and rate limits",
                "The API returns standard HTTP status codes; 429 means you have exceeded your rate limit.",
                ["Read the Retry-After header and wait that many seconds before retrying.", "Use cursor pagination for lists with more than 100 records.", "Check the webhook delivery log under Settings > Developers."]),
        },
        // IntegrationSync
        TopicText {
            subjects: &["Slack integration not syncing", "Salesforce sync stopped", "Integration disconnected"],
            details: &[
                "The Slack integration stopped posting notifications two days ago.",
                "Contacts are no longer syncing to Salesforce; the last sync was {n} hours ago.",
                "Our integration shows \"disconnected\" and reconnecting doesn't help.",
            ],
            more_subjects: &["Data not syncing between systems", "Slack notifications stopped", "Salesforce contacts missing"],
            more_details: &[
                "New deals from Salesforce don't show up anymore; the sync seems to have stopped {n} hours ago.",
                "Slack stopped receiving our alerts after we changed the workspace admin.",
            ],
            reply: "The connection token of your integration had expired. I've reset it on our side; please reconnect the integration under Settings > Integrations and run one manual sync.",
            praise: &["Integration is syncing again, thanks for the clear steps.", "Fixed our Salesforce sync in one go."],
            complaint: &["The sync broke again the next day.", "Took a week to fix a disconnected integration."],
            article: a("Reconnecting an integration",
                "Integrations disconnect when the access token expires or the connected user loses permissions.",
                ["Open Settings > Integrations and select the integration.", "Click \"Reconnect\" and sign in with an admin account of the other service.", "Run a manual sync and check the sync log for errors."]),
        },
        // SlowPerformance
        TopicText {
            subjects: &["Dashboard very slow", "Reports take forever to load", "Everything is slow today"],
            details: &[
                "Loading the dashboard takes over a minute since this week.",
                "Exporting a report times out every time; it used to take seconds.",
                "The whole {brand} web app is very slow for our team today.",
            ],
            more_subjects: &["Pages load very slowly", "Dashboard keeps timing out", "Performance issues since last week"],
            more_details: &[
                "Every page in {brand} takes 20–30 seconds to load, which makes it unusable for our team.",
                "The reports page hangs for minutes and then shows a timeout error.",
            ],
            reply: "Thank you for reporting this. We found a slow database query affecting large accounts like yours and our engineers have deployed a fix. Could you check whether the dashboard loads normally now?",
            praise: &["Dashboard is fast again, great work.", "They found the cause of the slowness quickly."],
            complaint: &["Still painfully slow.", "Reports keep timing out, nothing changed."],
            article: None,
        },
        // FeatureRequest
        TopicText {
            subjects: &["Feature request: dark mode", "Suggestion: export to Excel", "Would love bulk editing"],
            details: &[
                "It would be great to have a dark mode in the {brand} app.",
                "Please add an option to export reports directly to Excel.",
                "We need to edit many records at once. Is bulk editing planned?",
            ],
            more_subjects: &["Idea: calendar integration", "Could you add a dark theme?", "Feature suggestion for reports"],
            more_details: &[
                "Would you consider adding scheduled e-mail reports? We'd use it every week.",
                "A way to filter the dashboard by team would help us a lot. Any plans for that?",
            ],
            reply: "Thank you for the suggestion! I've passed it on to our product team and added your vote to the request. You can follow its status on our public roadmap.",
            praise: &["Nice to feel heard, thanks for passing it on.", "Quick and friendly reply to my suggestion."],
            complaint: &["Just a canned answer, no real plans shared.", "Requested this a year ago and still nothing."],
            article: a("How we handle feature requests",
                "We read every suggestion and review the most requested ideas every quarter.",
                ["Search the roadmap to see whether the idea already exists.", "Vote for it or describe your use case in a comment.", "We update the request when it is planned or released."]),
        },
        // AccountDeletion
        TopicText {
            subjects: &["Delete my account", "Please remove my personal data", "Close our company account"],
            details: &[
                "Please delete my account and all my personal data (GDPR).",
                "We are closing the company account, please remove all users.",
                "How do I permanently delete my {brand} account?",
            ],
            more_subjects: &["Cancel and delete account", "GDPR data deletion request", "Remove all my data"],
            more_details: &[
                "Under GDPR I'd like you to erase all personal data you hold about me.",
                "Please close my {brand} account for good and confirm once my data is gone.",
            ],
            reply: "I've scheduled your account for deletion. All personal data will be removed within 30 days as required by GDPR, and you'll get a confirmation e-mail once it is done.",
            praise: &["Account closed quickly and politely.", "Clear answer about my data, thank you."],
            complaint: &["Deleting an account should not take this long.", "They kept trying to keep me instead of deleting the account."],
            article: a("Deleting your account and personal data",
                "Account owners can close the account; we then delete all personal data within 30 days.",
                ["Export any data you want to keep under Settings > Data.", "Open Settings > Account and click \"Delete account\".", "Confirm with your password; you'll get an e-mail when deletion is complete."]),
        },
        // OnboardingSetup
        TopicText {
            subjects: &["Help getting started", "How to invite my team?", "Setting up our new account"],
            details: &[
                "We just signed up. What's the best way to set up {brand} for a team of {n}?",
                "How can I invite my colleagues and give them admin rights?",
                "I'm new here and a bit lost in the settings. Is there a guide?",
            ],
            more_subjects: &["New customer, need setup help", "Adding users to our account", "Where do I start?"],
            more_details: &[
                "We're moving {n} people over from another tool. How should we set up teams and roles?",
                "I created the account but can't figure out how to add my colleagues.",
            ],
            reply: "Welcome aboard! I've attached our quick-start checklist. To invite colleagues, open Settings > Team and click \"Invite\"; you can choose admin or member rights for each person. I'd also be happy to book a short onboarding call.",
            praise: &["Great onboarding help, we're up and running.", "The setup call was really useful."],
            complaint: &["Setup instructions were confusing.", "Waited days for a simple setup question."],
            article: a("Inviting your team and assigning roles",
                "Admins can invite colleagues and decide what each of them can see and change.",
                ["Open Settings > Team and click \"Invite\".", "Enter e-mail addresses and pick the Admin or Member role.", "Invitations are valid for 7 days; resend them from the same page."]),
        },
    ],
    hello: &["Hello,", "Hi,", "Hi team,", "Good morning,", "Hello support,", ""],
    thanks: &["Thanks,", "Thank you in advance,", "Best regards,", "Thanks for your help!", "Please help asap.", "Regards,", ""],
    greet: "Hi {name},",
    sign_off: &["Best regards,", "Kind regards,", "Cheers,", "Thanks,"],
    praise: &[
        "Quick and friendly answer.", "Great support, very helpful.", "Problem solved on the first reply.",
        "Fast, clear and polite.", "Excellent service as always.", "Very professional and patient.",
        "Exactly the answer I needed.", "Super quick response!", "Easy to understand explanation.",
        "Really helpful support team.", "Solved before I even finished my coffee.",
    ],
    praise_named: &[
        "{agent} fixed my problem in minutes, thank you!", "{agent} was incredibly helpful.",
        "Thanks to {agent} for the patience.", "{agent} explained everything clearly.", "Big thanks to {agent}!",
        "{agent} went above and beyond.",
    ],
    praise_end: &["Thank you!", "Keep it up.", "Much appreciated.", "10/10.", "Thanks again!", "Great job."],
    complaint: &[
        "Nobody actually read my message.", "Had to explain the same thing three times.", "The answer did not help at all.",
        "Slow and unhelpful.", "Got a copy-paste reply that ignored my question.", "The agent was rude and dismissive.",
        "Issue is still not resolved.", "Very disappointing support.",
    ],
    complaint_slow: &["Waited days for a reply.", "Took way too long to resolve.", "Far too slow for such a simple issue.", "Nobody responded over the weekend."],
    complaint_end: &["Very disappointed.", "Not happy.", "Please do better.", "Considering switching providers.", "Terrible experience."],
    article_outro: "Still need help? Reply to any support e-mail or contact us from the Help Center; our team answers Monday to Friday, 9:00–18:00 UTC.",
    general_articles: &[
        ("Getting started with Acme", "Welcome to Acme! This guide walks you through your first day.\n\n1. Complete your profile under Settings > Profile.\n2. Invite your team under Settings > Team.\n3. Connect the tools you already use under Settings > Integrations.\n\nOur Help Center has step-by-step articles for every product: Acme Cloud, Acme Pay and Acme Mobile."),
        ("Contacting support and our business hours", "You can reach us by e-mail, web form, chat and phone.\n\nOur team works Monday to Friday, 9:00–18:00 UTC; the Korea & Russia desk answers in Korean and Russian during Seoul and Moscow business hours. Urgent incidents are monitored around the clock.\n\nTo help us answer quickly, include your account e-mail, what you expected to happen and any error message."),
    ],
};
