// What pointing a Twilio number at this app means: the REST client for the saved credentials, the webhook
// URLs to set, and in words what is wrong with a number or what a change did to it.
#include "setup/twiliosetup.h"

#include "routing/callbackurls.h"

using namespace Qt::StringLiterals;

namespace {

// Twilio reports an unset URL as null or "", and keeps a method even for an unset URL.
QString shown(const QString &url)
{
    return url.isEmpty() ? TwilioSetup::tr("(nothing)") : url;
}

bool isPost(const QString &method)
{
    return method.isEmpty() || method.compare(u"POST"_s, Qt::CaseInsensitive) == 0;
}

void describeUrl(QStringList &changes, const QString &what, const QString &before, const QString &after,
    const QString &ours)
{
    if (before == after)
        return;
    const auto named
        = [&ours](const QString &url) { return url == ours ? TwilioSetup::tr("this app") : url; };
    if (before.isEmpty())
        changes.append(TwilioSetup::tr("%1 set to %2").arg(what, named(after)));
    else if (after.isEmpty())
        changes.append(TwilioSetup::tr("%1 removed (was %2)").arg(what, named(before)));
    else
        changes.append(TwilioSetup::tr("%1 changed from %2 to %3").arg(what, named(before), named(after)));
}

} // namespace

TwilioSetup::TwilioSetup(RouterSettings settings)
    : m_settings(std::move(settings))
{ }

bool TwilioSetup::usesApiKey() const
{
    return !m_settings.twilioApiKeySid.isEmpty() && !m_settings.twilioApiKeySecret.isEmpty();
}

bool TwilioSetup::hasCredentials() const
{
    return !m_settings.twilioAccountSid.isEmpty() && (usesApiKey() || !m_settings.twilioAuthToken.isEmpty());
}

TwilioRestClient TwilioSetup::client(QNetworkAccessManager *network, std::chrono::milliseconds timeout) const
{
    if (usesApiKey()) {
        return TwilioRestClient(network, m_settings.twilioApiBase, m_settings.twilioAccountSid,
            m_settings.twilioApiKeySid, m_settings.twilioApiKeySecret.toUtf8(), timeout);
    }
    return TwilioRestClient(network, m_settings.twilioApiBase, m_settings.twilioAccountSid,
        m_settings.twilioAccountSid, m_settings.twilioAuthToken.toUtf8(), timeout);
}

NumberWebhooks TwilioSetup::webhooks() const
{
    if (m_settings.publicUrl.isEmpty())
        return NumberWebhooks { {}, m_settings.twilioVoiceFallbackUrl, {} };
    const CallbackUrls urls(m_settings.publicUrl, m_settings.webhookToken);
    return NumberWebhooks { urls.voice(), m_settings.twilioVoiceFallbackUrl, urls.status() };
}

QStringList TwilioSetup::problems(const IncomingNumber &number) const
{
    const NumberWebhooks wanted = webhooks();
    const QString voiceUrl = wanted.voiceUrl.toString(QUrl::FullyEncoded);
    const QString statusUrl = wanted.statusCallback.toString(QUrl::FullyEncoded);
    QStringList problems;
    // Twilio ignores the voice URL while either is set, so a matching URL would not help.
    if (!number.voiceApplicationSid.isEmpty())
        problems.append(
            tr("calls go to the TwiML App %1 instead of the voice URL").arg(number.voiceApplicationSid));
    if (!number.trunkSid.isEmpty())
        problems.append(tr("calls go to the SIP trunk %1 instead of the voice URL").arg(number.trunkSid));
    if (number.voiceUrl != voiceUrl)
        problems.append(tr("calls go to %1").arg(shown(number.voiceUrl)));
    else if (!isPost(number.voiceMethod))
        problems.append(tr("calls are sent with %1 instead of POST").arg(number.voiceMethod));
    if (number.statusCallback != statusUrl)
        problems.append(tr("call status changes go to %1").arg(shown(number.statusCallback)));
    return problems;
}

QString TwilioSetup::describeChange(const IncomingNumber &before, const IncomingNumber &after) const
{
    const NumberWebhooks ours = webhooks();
    const QString voiceUrl = ours.voiceUrl.toString(QUrl::FullyEncoded);
    const QString statusUrl = ours.statusCallback.toString(QUrl::FullyEncoded);
    QStringList changes;
    describeUrl(changes, tr("voice URL"), before.voiceUrl, after.voiceUrl, voiceUrl);
    if (!before.voiceMethod.isEmpty()
        && before.voiceMethod.compare(after.voiceMethod, Qt::CaseInsensitive) != 0)
        changes.append(tr("voice method changed from %1 to %2")
                           .arg(shown(before.voiceMethod), shown(after.voiceMethod)));
    describeUrl(changes, tr("voice fallback URL"), before.voiceFallbackUrl, after.voiceFallbackUrl, {});
    if (before.statusCallback.isEmpty() && !after.statusCallback.isEmpty())
        changes.append(tr("status callback set"));
    else
        describeUrl(changes, tr("status callback"), before.statusCallback, after.statusCallback, statusUrl);

    QString text = changes.isEmpty() ? tr("already pointed here; nothing changed") : changes.join(u"; "_s);
    if (!after.voiceApplicationSid.isEmpty()) {
        text += tr(
            " — but Twilio still sends its calls to the TwiML App %1: in the Twilio console, set \"A call "
            "comes in\" to Webhook")
                    .arg(after.voiceApplicationSid);
    } else if (!after.trunkSid.isEmpty()) {
        text += tr(
            " — but Twilio still sends its calls to the SIP trunk %1: remove the number from the trunk in "
            "the Twilio console")
                    .arg(after.trunkSid);
    }
    return text;
}
