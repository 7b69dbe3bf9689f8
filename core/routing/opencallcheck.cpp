#include "opencallcheck.h"

#include "callrouter.h"
#include "routinglog.h"
#include "settings/routersettingscache.h"
#include "setup/twiliosetup.h"
#include "twilio/twiliorestclient.h"

#include <QNetworkAccessManager>
#include <QTimer>

#include <QCoroTask>

#include <chrono>

using namespace std::chrono_literals;

namespace {

struct Answers
{
    QList<TwilioCall> calls;
    QString error;
};

// One at a time: a handful of calls, and no burst against Twilio's rate limits.
QCoro::Task<Answers> askTwilio(TwilioRestClient client, QStringList callSids)
{
    Answers answers;
    for (const QString &sid : callSids) {
        const Result<TwilioCall> call = co_await client.fetchCall(sid);
        if (call.ok()) {
            answers.calls.append(*call);
            continue;
        }
        answers.error = call.error();
        // Not reachable now: the others would fail the same way. A call Twilio does not know is skipped.
        if (call.unreachable())
            break;
    }
    co_return answers;
}

} // namespace

OpenCallCheck::OpenCallCheck(
    CallRouter &router, RouterSettingsCache &settings, QNetworkAccessManager *network, QObject *parent)
    : QObject(parent)
    , m_router(router)
    , m_settings(settings)
    , m_network(network)
{
    QTimer::singleShot(0, this, &OpenCallCheck::start);
}

void OpenCallCheck::start()
{
    const RouterSettings &settings = m_settings.current();
    const TwilioSetup twilio(settings);
    const QStringList open = m_router.openCallsStartedSince(
        QDateTime::currentDateTimeUtc() - CallRouter::LongestCall, AtMost);
    if (open.isEmpty() || !twilio.hasCredentials() || !m_network) {
        Q_EMIT finished(0, 0, {});
        return;
    }
    QCoro::connect(askTwilio(twilio.client(m_network, 15s), open), this, [this, open](const Answers &answers) {
        int closed = 0;
        for (const TwilioCall &call : answers.calls) {
            if (m_router.closeAsTwilioReports(call))
                ++closed;
        }
        if (closed > 0)
            qCInfo(lcRouting) << "Closed" << closed << (closed == 1 ? "call" : "calls") << "that ended while this computer was not answering,"
                              << "as Twilio recorded them.";
        if (!answers.error.isEmpty())
            qCWarning(lcRouting).noquote() << "Could not ask Twilio how the calls open at the last stop went:"
                                           << answers.error;
        Q_EMIT finished(int(open.size()), closed, answers.error);
    });
}
