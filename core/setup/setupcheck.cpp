// "Check setup": whether the saved settings let calls flow, each finding as a green or red line with the fix.
#include "setup/setupcheck.h"

#include "net/httpclient.h"
#include "net/publicaddress.h"
#include "phone/phonenormalizer.h"
#include "retell/retellclient.h"
#include "routing/callbackurls.h"
#include "settings/settingslog.h"
#include "setup/twiliosetup.h"
#include "twilio/signaturevalidator.h"
#include "twilio/twiliorestclient.h"
#include "twilio/twilioform.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QRandomGenerator>

#include <QCoroNetworkReply>

#include <memory>

using namespace Qt::StringLiterals;

namespace {

SetupCheckLine passed(QString title, QString detail)
{
    return SetupCheckLine { std::move(title), true, std::move(detail), {} };
}

SetupCheckLine failed(QString title, QString detail, QString fix)
{
    return SetupCheckLine { std::move(title), false, std::move(detail), std::move(fix) };
}

// A CallSid no real call has: the router answers its status callback and, finding no such call, stores
// nothing.
QString madeUpCallSid()
{
    QString sid = u"CA"_s;
    while (sid.size() < 34)
        sid += u"%1"_s.arg(QRandomGenerator::global()->generate(), 8, 16, QChar(u'0'));
    return sid.left(34);
}

QString credentialsFix(const TwilioSetup &twilio)
{
    return twilio.usesApiKey()
        ? SetupCheck::tr(
            "Copy the account SID, and the API key SID and secret, again from the Twilio console "
            "(Account → API keys & tokens), then save.")
        : SetupCheck::tr(
            "Copy the account SID and auth token again from the Twilio console (the Account Info box "
            "on its home page), then save.");
}

// A failure to reach Twilio at all is not fixed by copying the credentials again.
QString fixFor(const FailureKind kind, const TwilioSetup &twilio)
{
    return kind == FailureKind::Unreachable
        ? SetupCheck::tr("Check this computer's internet connection (can it open a web page?), then check again; "
                         "the credentials could not be checked meanwhile.")
        : credentialsFix(twilio);
}

QString listenAddress(const RouterSettings &settings)
{
    const QString host
        = settings.listenHost.contains(u':') ? u'[' + settings.listenHost + u']' : settings.listenHost;
    return u"http://%1:%2"_s.arg(host).arg(settings.listenPort);
}

// A number as the lines write it: the practice's way, or E.164 for an empty `region`.
QString shownNumber(const QString &e164, const QString &region)
{
    return region.isEmpty() ? e164 : PhoneNormalizer(region).toDisplay(e164);
}

} // namespace

SetupCheck::SetupCheck(
    QNetworkAccessManager *network, RouterSettings settings, std::chrono::milliseconds timeout)
    : m_network(network)
    , m_settings(std::move(settings))
    , m_timeout(timeout)
{ }

QCoro::Task<QList<SetupCheckLine>> SetupCheck::run() const
{
    // Everything is handed over by value, so the task never touches this object again.
    return runAll(m_network, m_settings, m_expectedFallback, m_publicAddressRules,
        m_numbersAsE164 ? QString() : m_settings.defaultRegion, m_timeout);
}

QCoro::Task<SetupCheckLine> SetupCheck::runReachability() const
{
    return checkReachable(m_network, m_settings, m_publicAddressRules, m_timeout);
}

QCoro::Task<QList<SetupCheckLine>> SetupCheck::runAll(Network network, RouterSettings settings,
    std::optional<FallbackPlan> expectedFallback, bool publicAddressRules, QString shownRegion,
    std::chrono::milliseconds timeout)
{
    // QCoro tasks start as soon as they are called, so these four run side by side and the whole check
    // takes as long as the slowest, not the sum.
    QCoro::Task<SetupCheckLine> account = checkAccount(network, settings, timeout);
    QCoro::Task<QList<SetupCheckLine>> numbers = checkNumbers(network, settings, shownRegion, timeout);
    QCoro::Task<SetupCheckLine> fallbackFlow
        = checkFallbackFlow(network, settings, expectedFallback, shownRegion, timeout);
    QCoro::Task<SetupCheckLine> reachable = checkReachable(network, settings, publicAddressRules, timeout);
    QCoro::Task<SetupCheckLine> retell = checkRetell(network, settings, timeout);

    QList<SetupCheckLine> lines;
    lines.append(co_await std::move(account));
    lines.append(co_await std::move(numbers));
    lines.append(co_await std::move(fallbackFlow));
    lines.append(co_await std::move(reachable));
    lines.append(co_await std::move(retell));
    lines.append(checkFallback(settings, shownRegion));
    for (const SetupCheckLine &line : std::as_const(lines)) {
        if (!line.ok)
            qCInfo(lcSettings).noquote() << "Setup check:" << line.title << "-" << line.detail;
    }
    co_return lines;
}

QCoro::Task<SetupCheckLine> SetupCheck::checkAccount(
    Network network, RouterSettings settings, std::chrono::milliseconds timeout)
{
    const QString title = tr("Twilio account");
    const TwilioSetup twilio(settings);
    if (!twilio.hasCredentials()) {
        co_return failed(title, tr("The Twilio account SID or auth token is not set."),
            tr("Enter the account SID and auth token from the Twilio console (the Account Info box on its "
               "home "
               "page), then save."));
    }
    const Result<QString> name = co_await twilio.client(network, timeout).fetchAccountName();
    if (!name.ok())
        co_return failed(title, name.error(), fixFor(name.failureKind(), twilio));
    const QString how = twilio.usesApiKey() ? tr("with the API key %1").arg(settings.twilioApiKeySid)
                                            : tr("with the auth token");
    co_return passed(
        title, tr("Signed in to \"%1\" (%2) %3.").arg(name.value(), settings.twilioAccountSid, how));
}

QCoro::Task<QList<SetupCheckLine>> SetupCheck::checkNumbers(
    Network network, RouterSettings settings, QString shownRegion, std::chrono::milliseconds timeout)
{
    const QString title = tr("Numbers point here");
    const TwilioSetup twilio(settings);
    if (settings.twilioNumbers.isEmpty()) {
        co_return QList<SetupCheckLine> { failed(title,
            tr("No phone numbers are chosen to be routed by this app."),
            tr("Under Numbers to route, load the numbers from Twilio, tick the ones this app should answer, "
               "and click Apply to Twilio.")) };
    }
    if (settings.publicUrl.isEmpty()) {
        co_return QList<SetupCheckLine> { failed(title,
            tr("The public URL is not set, so there is no webhook URL the numbers could point to."),
            tr("Enter the public URL (the address of your tunnel or port-forward), save, and click Apply to "
               "Twilio.")) };
    }
    if (!twilio.hasCredentials()) {
        co_return QList<SetupCheckLine> { failed(title,
            tr("The numbers cannot be checked without the Twilio credentials."),
            tr("Enter the account SID and auth token, then save.")) };
    }

    const Result<QList<IncomingNumber>> listed
        = co_await twilio.client(network, timeout).listIncomingNumbers();
    if (!listed.ok()) {
        co_return QList<SetupCheckLine> { failed(title, tr("The numbers could not be checked: %1").arg(listed.error()),
            fixFor(listed.failureKind(), twilio)) };
    }

    QList<SetupCheckLine> lines;
    for (const QString &routed : std::as_const(settings.twilioNumbers)) {
        const QString shown = shownNumber(routed, shownRegion);
        const QString numberTitle = tr("%1 points here").arg(shown);
        const auto found = std::find_if(listed->cbegin(), listed->cend(),
            [&routed](const IncomingNumber &number) { return number.phoneNumber == routed; });
        if (found == listed->cend()) {
            lines.append(failed(numberTitle, tr("%1 is not a number of this Twilio account.").arg(shown),
                tr("Remove it from the numbers to route, or check that the account SID is the account that "
                   "owns this number.")));
            continue;
        }
        const QStringList problems = twilio.problems(*found);
        const QString fallbackUrl = settings.twilioVoiceFallbackUrl.toString(QUrl::FullyEncoded);
        if (problems.isEmpty() && fallbackUrl.isEmpty() && found->voiceFallbackUrl.isEmpty()) {
            lines.append(failed(numberTitle,
                tr("Calls and call status changes come to this app, but when this computer cannot answer, callers "
                   "hear Twilio's error message."),
                tr("Click Apply to Twilio: it sets up a fallback on Twilio that rings the fallback number.")));
        } else if (problems.isEmpty() && !fallbackUrl.isEmpty() && found->voiceFallbackUrl != fallbackUrl) {
            lines.append(failed(numberTitle,
                tr("Calls and call status changes come to this app, but when this computer cannot answer, Twilio "
                   "turns to %1 instead of the fallback set up for it.")
                    .arg(found->voiceFallbackUrl.isEmpty() ? tr("nothing") : found->voiceFallbackUrl),
                tr("Click Apply to Twilio.")));
        } else if (problems.isEmpty()) {
            lines.append(passed(numberTitle, tr("Calls and call status changes come to this app.")));
        } else if (!found->voiceApplicationSid.isEmpty() || !found->trunkSid.isEmpty()) {
            lines.append(failed(numberTitle, tr("Now %1.").arg(problems.join(u"; "_s)),
                tr("In the Twilio console, open the number and set \"A call comes in\" to Webhook (not a "
                   "TwiML "
                   "App or SIP trunk), then click Apply to Twilio.")));
        } else {
            lines.append(failed(numberTitle, tr("Now %1.").arg(problems.join(u"; "_s)),
                tr("Click Apply to Twilio to point it here.")));
        }
    }
    co_return lines;
}

QCoro::Task<SetupCheckLine> SetupCheck::checkReachable(
    Network network, RouterSettings settings, bool publicAddressRules, std::chrono::milliseconds timeout)
{
    const QString title = tr("Twilio can reach this computer");
    if (settings.publicUrl.isEmpty()) {
        co_return failed(title, tr("The public URL is not set."),
            tr("Start a tunnel (for example Cloudflare Tunnel or ngrok) to %1, or forward a port on the "
               "office "
               "router, and enter its https address as the public URL.")
                .arg(listenAddress(settings)));
    }
    if (settings.twilioAuthToken.isEmpty()) {
        co_return failed(title, tr("The auth token is not set, so this app refuses every call from Twilio."),
            tr("Enter the auth token from the Twilio console, then save."));
    }
    if (!network)
        co_return failed(title, tr("The network access has been shut down."), tr("Restart the app."));
    if (publicAddressRules) {
        if (SetupCheckLine address = co_await checkPublicAddress(settings, timeout); !address.ok)
            co_return address;
    }

    // Signed with the auth token like Twilio's own requests, so a pass proves the whole path: tunnel, router,
    // token and signature.
    const QUrl url = CallbackUrls(settings.publicUrl, settings.webhookToken).status();
    const QString callSid = madeUpCallSid();
    TwilioForm form;
    form.append(u"AccountSid"_s, settings.twilioAccountSid);
    form.append(u"ApiVersion"_s, u"2010-04-01"_s);
    form.append(u"CallSid"_s, callSid);
    form.append(u"CallStatus"_s, u"completed"_s);
    form.append(u"Direction"_s, u"inbound"_s);
    const QByteArray signature
        = SignatureValidator(settings.twilioAuthToken.toUtf8()).sign(url.toString(QUrl::FullyEncoded), form);

    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, "application/x-www-form-urlencoded"_ba);
    request.setRawHeader("X-Twilio-Signature"_ba, signature);
    request.setRawHeader("User-Agent"_ba, "Switchboard setup check"_ba);
    // Twilio does not follow a redirect for a POST either, so one is a finding, not a detour.
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    // Said here so that the router's warning about a status callback for an unknown call makes sense.
    qCInfo(lcSettings).noquote() << "Setup check: a signed test status callback for the made-up call"
                                 << callSid << "goes to" << url.toString(QUrl::RemovePath);
    const std::unique_ptr<QNetworkReply, QScopedPointerDeleteLater> reply(
        network->post(request, form.toUrlEncoded()));
    const bool finished = co_await qCoro(reply.get()).waitForFinished(timeout);
    if (!finished) {
        reply->abort();
        co_return failed(title,
            tr("Nothing answered at %1 within %2 seconds.")
                .arg(url.toString(QUrl::RemovePath), QString::number(timeout.count() / 1000.0, 'g', 3)),
            tr("Check that the tunnel (or port-forward) is running and forwards to %1, and that the public "
               "URL is "
               "its current address.")
                .arg(listenAddress(settings)));
    }

    const QString shownUrl = url.toString(QUrl::RemovePath);
    const QVariant statusAttribute = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    if (!statusAttribute.isValid()) {
        co_return failed(title, tr("Could not reach %1: %2.").arg(shownUrl, reply->errorString()),
            tr("Check that the tunnel (or port-forward) is running and forwards to %1, and that the public "
               "URL is "
               "its current address.")
                .arg(listenAddress(settings)));
    }
    const int status = statusAttribute.toInt();
    const QByteArray body = reply->readAll().left(300);
    const bool twiml = reply->header(QNetworkRequest::ContentTypeHeader).toString().startsWith(u"text/xml"_s)
        && body.contains("<Response");
    if (status == 200 && twiml)
        co_return passed(title, tr("A signed test request to %1 reached this app.").arg(shownUrl));
    if (status == 403) {
        co_return failed(title,
            tr("A Switchboard at %1 refused the signed test request: %2")
                .arg(shownUrl, QString::fromUtf8(body).trimmed()),
            tr("Another computer or an old copy of this app answers at the public URL: point the tunnel at "
               "%1 on "
               "this computer.")
                .arg(listenAddress(settings)));
    }
    if (status >= 300 && status < 400) {
        const QString location = QString::fromUtf8(reply->rawHeader("Location"_ba));
        co_return failed(title,
            tr("%1 redirects to %2, which Twilio does not follow.").arg(shownUrl, location),
            tr("Enter the address it redirects to (often https:// instead of http://) as the public URL."));
    }
    if (status == 502 || status == 503 || status == 504) {
        co_return failed(title,
            tr("The tunnel at %1 answered HTTP %2: it cannot reach this app.").arg(shownUrl).arg(status),
            tr("Make sure the tunnel forwards to %1 and that the router is running (see the status bar).")
                .arg(listenAddress(settings)));
    }
    co_return failed(title,
        tr("Something at %1 answered HTTP %2, but not the way this app does.").arg(shownUrl).arg(status),
        tr("Make sure the public URL is the address of the tunnel (or port-forward) to %1, with no extra "
           "path.")
            .arg(listenAddress(settings)));
}

QCoro::Task<SetupCheckLine> SetupCheck::checkPublicAddress(RouterSettings settings, std::chrono::milliseconds timeout)
{
    const QString title = tr("Twilio can reach this computer");
    const QUrl &url = settings.publicUrl;
    const QString shown = url.toString(QUrl::RemovePath | QUrl::RemoveQuery);
    const QString fix = tr("Twilio calls from the internet: start a tunnel (for example Cloudflare Tunnel or ngrok) to "
                           "%1 and enter its https address as the public URL, or forward a port of the office router "
                           "to this computer, give it a TLS certificate and enter that https address.")
                            .arg(listenAddress(settings));
    const int urlPort = url.port(url.scheme() == u"https"_s ? 443 : 80);
    // Where the URL names this computer itself, the router must listen where it points.
    const auto portFinding = [&](const QHostAddress &address) -> QString {
        if (!PublicAddress::isThisComputer(address))
            return {};
        if (urlPort != settings.listenPort)
            return tr(" It leads to port %1 of this computer, but the router listens on port %2 (server.listen).")
                .arg(urlPort)
                .arg(settings.listenPort);
        const QHostAddress listen(settings.listenHost);
        if (!address.isLoopback() && listen.isLoopback())
            return tr(" It leads to %1 of this computer, but the router listens on %2, which only this computer "
                      "reaches.")
                .arg(address.toString(), settings.listenHost);
        return {};
    };

    const QString host = url.host();
    const QHostAddress literal(host);
    if (const QString why = PublicAddress::whyUnreachable(host); !why.isEmpty()) {
        const QString ports = literal.isNull() ? QString() : portFinding(literal);
        co_return failed(title, tr("Twilio cannot reach %1: %2.").arg(shown, why) + ports, fix);
    }
    if (literal.isNull()) {
        const QHostInfo info = co_await PublicAddress::lookUp(host, timeout);
        if (info.error() != QHostInfo::NoError || info.addresses().isEmpty()) {
            co_return failed(title,
                tr("The public URL's host %1 cannot be found: either this computer has no internet connection, or "
                   "the name no longer exists (some tunnels get a new address each time they start).")
                    .arg(host),
                tr("Check the internet connection; if it works, enter the tunnel's current address as the public "
                   "URL."));
        }
        QStringList reasons;
        for (const QHostAddress &address : info.addresses()) {
            if (const QString why = PublicAddress::whyUnreachable(address); !why.isEmpty())
                reasons.append(tr("%1 (%2)").arg(address.toString(), why));
        }
        if (reasons.size() == info.addresses().size()) {
            co_return failed(title,
                tr("The public URL's host %1 leads to %2: Twilio cannot reach that.").arg(host, reasons.join(u", "_s)),
                fix);
        }
        for (const QHostAddress &address : info.addresses()) {
            if (const QString ports = portFinding(address); !ports.isEmpty())
                co_return failed(title, tr("The public URL %1 names this computer.").arg(shown) + ports,
                    tr("Make the router's listening address (server.listen) and the public URL's port agree, or "
                       "forward the public port to the one the router listens on."));
        }
    } else if (const QString ports = portFinding(literal); !ports.isEmpty()) {
        co_return failed(title, tr("The public URL %1 names this computer.").arg(shown) + ports,
            tr("Make the router's listening address (server.listen) and the public URL's port agree, or forward "
               "the public port to the one the router listens on."));
    }
    if (url.scheme() != u"https"_s) {
        co_return failed(title,
            tr("The public URL %1 is plain http: Twilio's requests, with what callers said and typed, would "
               "cross the internet unencrypted.")
                .arg(shown),
            fix);
    }
    co_return passed(title, QString());
}

QCoro::Task<SetupCheckLine> SetupCheck::checkFallbackFlow(Network network, RouterSettings settings,
    std::optional<FallbackPlan> expected, QString shownRegion, std::chrono::milliseconds timeout)
{
    const QString title = tr("When this computer cannot answer");
    const QUrl &url = settings.twilioVoiceFallbackUrl;
    const QString applyFix = tr("Click Apply to Twilio (or run `switchboard twilio apply`): it sets up a flow on "
                                "Twilio that rings the fallback number.");
    if (url.isEmpty()) {
        co_return failed(title,
            tr("Nothing is set up: when this computer is off, asleep or offline, callers hear Twilio's error "
               "message."),
            applyFix);
    }
    const QString flowSid = FallbackFlow::flowSidIn(url);
    if (flowSid.isEmpty()) {
        co_return passed(
            title, tr("Twilio turns to your own fallback URL %1; what it does is up to it.").arg(url.toString()));
    }
    const TwilioSetup twilio(settings);
    if (!twilio.hasCredentials())
        co_return failed(title, tr("The fallback cannot be checked without the Twilio credentials."),
            tr("Enter the account SID and auth token, then save."));
    const Result<StudioFlow> flow = co_await twilio.client(network, timeout).fetchFlow(flowSid);
    if (!flow.ok())
        co_return failed(title, tr("The fallback could not be checked: %1").arg(flow.error()),
            flow.unreachable() ? fixFor(FailureKind::Unreachable, twilio) : applyFix);
    const std::optional<FallbackPlan> does = FallbackFlow::read(flow->definition);
    if (!does) {
        co_return failed(title, tr("The Studio flow %1 is not the one Switchboard made (it was changed in the Twilio "
                                   "console?).")
                                    .arg(flowSid),
            applyFix);
    }
    if (flow->status != u"published"_s)
        co_return failed(title, tr("The Studio flow %1 is not published, so Twilio does not run it.").arg(flowSid),
            applyFix);
    // The sentences name the number the flow rings the way the other lines do.
    const auto described = [&shownRegion](FallbackPlan plan) {
        plan.number = shownNumber(plan.number, shownRegion);
        return FallbackFlow::describe(plan);
    };
    if (expected && *does != *expected) {
        co_return failed(title,
            tr("Twilio %1, but with the current settings it should: %2.").arg(described(*does), described(*expected)),
            tr("Click Apply to Twilio to bring it up to date."));
    }
    co_return passed(title, tr("Twilio %1.").arg(described(*does)));
}

QCoro::Task<SetupCheckLine> SetupCheck::checkRetell(
    [[maybe_unused]] Network network, RouterSettings settings, std::chrono::milliseconds timeout)
{
    const QString title = tr("Retell AI voice agent");
    if (settings.retellApiKey.isEmpty() || settings.retellAgentId.isEmpty()) {
        co_return failed(title,
            tr("The Retell API key or voice agent ID is not set, so callers with a booking ring the fallback "
               "number instead."),
            tr("Enter the API key and the voice agent's ID from the Retell dashboard, then save."));
    }
    HttpClient http;
    RetellClient retell(&http, settings.retellApiBase, settings.retellApiKey.toUtf8(), timeout);
    const Result<QString> agent = co_await retell.fetchAgent(settings.retellAgentId);
    if (!agent.ok()) {
        co_return failed(title, agent.error(),
            tr("Copy the API key and the voice agent's ID again from the Retell dashboard (a chat agent "
               "cannot "
               "take calls), then save."));
    }
    co_return passed(title, tr("Retell answers for the voice agent \"%1\".").arg(agent.value()));
}

SetupCheckLine SetupCheck::checkFallback(const RouterSettings &settings, const QString &shownRegion)
{
    const QString title = tr("Fallback number");
    const QString fix
        = tr("Enter the phone number that should ring when nobody else can take a call, for example "
             "the front desk's mobile phone, then save.");
    if (settings.fallbackNumber.isEmpty()) {
        return failed(title,
            tr("No fallback number is set, so a call that the AI agent cannot take has nowhere to go."), fix);
    }
    const PhoneNormalizer normalizer(settings.defaultRegion);
    QString error;
    if (!normalizer.toE164(settings.fallbackNumber, &error))
        return failed(title, error, fix);
    // Dialling one of our own numbers would send the call back into this app, over and over.
    if (settings.twilioNumbers.contains(settings.fallbackNumber)) {
        return failed(title,
            tr("%1 is one of the numbers this app answers, so a call would ring itself.")
                .arg(shownNumber(settings.fallbackNumber, shownRegion)),
            tr("Enter a phone that a person answers, not one of the Twilio numbers."));
    }
    return passed(title,
        tr("%1 rings when nobody else can take a call.").arg(shownNumber(settings.fallbackNumber, shownRegion)));
}
