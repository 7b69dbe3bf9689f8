// Benchmark of the live feed: the time from a webhook's answer to each subscriber receiving the first
// message of that call, at 1 and 50 subscribers while calls are routed at a steady rate (100 calls a
// second by default), against the goal of p99 <= 20 ms at 50 subscribers. It also prints the webhooks'
// own latency with no subscriber and with each set, so a cost of the feed to the router would show.
//
// The router runs on its own thread (as in the app), the subscribers on another (as other seats would
// be other programs), and the load client on the main thread; one steady clock times all three.
#include "datadir/datadirectory.h"
#include "loadclient.h"
#include "server/feedserver.h"
#include "server/routerservice.h"
#include "settings/settings.h"
#include "signedrequests.h"
#include "storage/customerstore.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QNetworkRequest>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTextStream>
#include <QThread>
#include <QTimer>
#include <QWebSocket>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <vector>

using namespace Qt::StringLiterals;

namespace {

const QByteArray AuthToken = "bench-auth-token-0123456789abcdef"_ba;

qint64 nowNs()
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

// Subscribers on a thread of their own: each notes when the first message of each call reached it.
class Subscribers : public QObject
{
public:
    Subscribers(const QHash<QString, int> &callIndex, int calls)
        : m_callIndex(callIndex)
        , m_calls(calls)
    { }

    // On this object's thread.
    void open(int count, quint16 port, const QString &token)
    {
        for (int s = 0; s < count; ++s) {
            auto *socket = new QWebSocket(QString(), QWebSocketProtocol::VersionLatest, this);
            m_arrivals.emplace_back(std::vector<qint64>(size_t(m_calls), 0));
            connect(socket, &QWebSocket::textMessageReceived, this, [this, s](const QString &text) { received(s, text); });
            connect(socket, &QWebSocket::connected, this, [this] { ++connected; });
            connect(socket, &QWebSocket::disconnected, this, [this] { ++disconnected; });
            QNetworkRequest request(QUrl(u"ws://127.0.0.1:%1/feed"_s.arg(port)));
            request.setRawHeader("Authorization", "Bearer " + token.toUtf8());
            socket->open(request);
        }
    }

    const std::vector<std::vector<qint64>> &arrivals() const { return m_arrivals; }

    std::atomic<int> connected = 0;
    std::atomic<int> disconnected = 0;
    std::atomic<qint64> messages = 0;

private:
    void received(int subscriber, const QString &text)
    {
        const qint64 at = nowNs();
        ++messages;
        // The first call_sid of a message is its call's (a session's or an event's); a snapshot holds none
        // of the benchmark's calls.
        static const QString marker = u"\"call_sid\":\""_s;
        const qsizetype start = text.indexOf(marker);
        if (start < 0)
            return;
        const auto it = m_callIndex.constFind(text.mid(start + marker.size(), 34));
        if (it == m_callIndex.cend())
            return;
        qint64 &first = m_arrivals[size_t(subscriber)][size_t(*it)];
        if (first == 0)
            first = at;
    }

    const QHash<QString, int> &m_callIndex;
    int m_calls;
    std::vector<std::vector<qint64>> m_arrivals;
};

double percentile(std::vector<double> values, double p)
{
    if (values.empty())
        return 0;
    std::sort(values.begin(), values.end());
    return values[std::min(values.size() - 1, size_t(p * double(values.size() - 1) + 0.5))];
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    qputenv("SWITCHBOARD_KEYCHAIN", "0");
    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addOption({ u"subscribers"_s, u"Subscriber counts, one run each."_s, u"LIST"_s, u"0,1,50"_s });
    parser.addOption({ u"rate"_s, u"Calls routed a second."_s, u"N"_s, u"100"_s });
    parser.addOption({ u"seconds"_s, u"Length of each run."_s, u"N"_s, u"10"_s });
    parser.addOption({ u"customers"_s, u"Customers to seed (callers are half customers)."_s, u"N"_s, u"5000"_s });
    parser.process(app);
    const double rate = parser.value(u"rate"_s).toDouble();
    const int calls = int(rate * parser.value(u"seconds"_s).toDouble());
    const int customers = std::max(1, parser.value(u"customers"_s).toInt());
    QList<int> counts;
    for (const QString &count : parser.value(u"subscribers"_s).split(u',', Qt::SkipEmptyParts))
        counts.append(count.toInt());
    QTextStream out(stdout);

    QTemporaryDir dir;
    DataDirectory admin(dir.path());
    QString error;
    if (!admin.open(&error)) {
        out << error << Qt::endl;
        return 1;
    }
    {
        CustomerStore store(admin.database());
        for (int i = 0; i < customers; ++i) {
            Customer customer;
            customer.externalId = u"C%1"_s.arg(i);
            customer.name = u"Customer %1"_s.arg(i);
            customer.phoneRaw = u"+1555%1"_s.arg(2000000 + i);
            customer.phoneE164 = customer.phoneRaw;
            if (const Result<qint64> added = store.insert(customer); !added) {
                out << added.error() << Qt::endl;
                return 1;
            }
        }
    }
    for (const auto &[key, value] : { std::pair { u"twilio.auth_token"_s, QString::fromLatin1(AuthToken) },
             { u"routing.enabled"_s, u"true"_s }, { u"routing.fallback_number"_s, u"+15550009999"_s },
             { u"backup.keep"_s, u"0"_s } }) {
        if (!admin.settings().set(key, value, &error)) {
            out << error << Qt::endl;
            return 1;
        }
    }
    const QString webhookToken = *admin.settings().value(u"server.webhook_token"_s);
    const QString viewToken = *admin.settings().value(u"feed.view_token"_s);

    QThread routerThread;
    routerThread.setObjectName(u"Router"_s);
    routerThread.start();
    QObject anchor;
    anchor.moveToThread(&routerThread);
    RouterService *service = nullptr;
    bool started = false;
    QMetaObject::invokeMethod(
        &anchor,
        [&] {
            service = new RouterService(dir.path());
            service->enableFeed(std::pair { QHostAddress(QHostAddress::LocalHost), quint16(0) });
            started = service->start(QHostAddress::LocalHost, 0, &error) && service->feedServer();
            if (started && !service->feedServer())
                error = service->feedProblem();
        },
        Qt::BlockingQueuedConnection);
    if (!started) {
        out << error << Qt::endl;
        return 1;
    }
    quint16 feedPort = 0;
    QMetaObject::invokeMethod(&anchor, [&] { feedPort = service->feedServer()->port(); }, Qt::BlockingQueuedConnection);
    const SignedRequests factory(service->port(), webhookToken, AuthToken);
    QRandomGenerator random(20261205);

    out << u"live feed: %1 calls a second for %2 s per run, each an incoming webhook and its final status"_s.arg(rate).arg(
               calls / rate)
        << Qt::endl
        << "subscribers  calls  webhook p50/p99 ms  feed messages  answer->subscriber p50 ms  p99 ms  max ms  "
           "before answer  missing"
        << Qt::endl;
    for (const int subscriberCount : counts) {
        // The calls of this run: their SIDs, requests, and when each incoming webhook's answer came.
        QHash<QString, int> callIndex;
        QList<QByteArray> requests;
        QList<int> callOf; // the call an incoming request is for; -1 for a status callback
        QStringList sids;
        for (int i = 0; i < calls; ++i) {
            const QString sid = u"CA%1%2"_s.arg(random.generate64(), 16, 16, QLatin1Char('0'))
                                    .arg(random.generate64(), 16, 16, QLatin1Char('0'));
            sids.append(sid);
            callIndex.insert(sid, i);
        }
        // Each call ends ten calls later: about ten calls are going on at any time.
        const auto caller = [customers](int i) {
            return i % 2 ? u"+1555%1"_s.arg(2000000 + i % customers) : u"+1556%1"_s.arg(3000000 + i);
        };
        for (int i = 0; i < calls + 10; ++i) {
            if (i < calls) {
                requests.append(factory.incoming(sids.at(i), caller(i)));
                callOf.append(i);
            }
            if (i >= 10) {
                requests.append(factory.status(sids.at(i - 10), caller(i - 10)));
                callOf.append(-1);
            }
        }

        QThread subscriberThread;
        subscriberThread.setObjectName(u"Subscribers"_s);
        subscriberThread.start();
        auto *subscribers = new Subscribers(callIndex, calls);
        subscribers->moveToThread(&subscriberThread);
        QMetaObject::invokeMethod(subscribers, [=] { subscribers->open(subscriberCount, feedPort, viewToken); });
        QElapsedTimer waiting;
        waiting.start();
        while (subscribers->connected < subscriberCount && waiting.elapsed() < 30'000)
            QCoreApplication::processEvents(QEventLoop::AllEvents, 10);
        const qint64 messagesBefore = subscribers->messages;

        std::vector<qint64> answeredAt(size_t(calls), 0);
        QList<int> lastSent(8, -1);
        int next = 0;
        LoadClient client(service->port(), 8, [&](int connection, const HttpAnswer *previous) {
            const qint64 now = nowNs();
            if (previous && lastSent[connection] >= 0 && callOf[lastSent[connection]] >= 0)
                answeredAt[size_t(callOf[lastSent[connection]])] = now;
            if (next >= requests.size())
                return QByteArray();
            lastSent[connection] = next;
            return requests.at(next++);
        });
        client.setRate(2 * rate);
        client.run();
        // The last messages are still on their way.
        QElapsedTimer settle;
        settle.start();
        while (settle.elapsed() < 1000)
            QCoreApplication::processEvents(QEventLoop::AllEvents, 10);
        QMetaObject::invokeMethod(subscribers, [] {}, Qt::BlockingQueuedConnection);

        std::vector<double> latencies;
        int early = 0;
        int missing = 0;
        for (const std::vector<qint64> &arrivals : subscribers->arrivals()) {
            for (int i = 0; i < calls; ++i) {
                if (arrivals[size_t(i)] == 0 || answeredAt[size_t(i)] == 0) {
                    ++missing;
                    continue;
                }
                const qint64 delta = arrivals[size_t(i)] - answeredAt[size_t(i)];
                // Stored and published before the answer had reached the load client.
                if (delta < 0)
                    ++early;
                latencies.push_back(std::max<qint64>(delta, 0) / 1e6);
            }
        }
        const QList<double> &webhook = client.latenciesMs();
        out << QString::number(subscriberCount).leftJustified(13) << QString::number(calls).leftJustified(7)
            << u"%1 / %2"_s.arg(LoadClient::percentile(webhook, 0.5), 0, 'f', 2)
                   .arg(LoadClient::percentile(webhook, 0.99), 0, 'f', 2)
                   .leftJustified(20)
            << QString::number(subscribers->messages - messagesBefore).leftJustified(15)
            << QString::number(percentile(latencies, 0.5), 'f', 2).leftJustified(27)
            << QString::number(percentile(latencies, 0.99), 'f', 2).leftJustified(8)
            << QString::number(percentile(latencies, 1.0), 'f', 2).leftJustified(8)
            << QString::number(early).leftJustified(15) << missing;
        if (client.errors() + client.non2xx() > 0)
            out << u"  (%1 webhook errors)"_s.arg(client.errors() + client.non2xx());
        out << Qt::endl;

        QMetaObject::invokeMethod(subscribers, [subscribers] { delete subscribers; }, Qt::BlockingQueuedConnection);
        subscriberThread.quit();
        subscriberThread.wait();
    }
    QMetaObject::invokeMethod(&anchor, [&] { delete service; }, Qt::BlockingQueuedConnection);
    routerThread.quit();
    routerThread.wait();
    return 0;
}
