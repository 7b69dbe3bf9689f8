#include "net/publicaddress.h"

#include <QNetworkInterface>
#include <QObject>

#include <QCoroSignal>

#include <memory>

using namespace Qt::StringLiterals;

namespace {

// Carries the answer of QHostInfo's callback to the coroutine that waits for it.
class LookupAnswer : public QObject
{
    Q_OBJECT

Q_SIGNALS:
    void answered(const QHostInfo &info);
};

bool inSubnet(const QHostAddress &address, const char *subnet)
{
    return address.isInSubnet(QHostAddress::parseSubnet(QLatin1StringView(subnet)));
}

} // namespace

QString PublicAddress::whyUnreachable(const QHostAddress &address)
{
    QHostAddress plain = address;
    // An IPv4 address written as IPv6 (::ffff:10.0.0.5) is judged as the IPv4 address.
    bool isV4 = false;
    const quint32 v4 = address.toIPv4Address(&isV4);
    if (isV4)
        plain = QHostAddress(v4);
    if (plain.isLoopback())
        return tr("it is this computer's loopback address, which only this computer can reach");
    if (plain.isNull() || plain == QHostAddress::AnyIPv4 || plain == QHostAddress::AnyIPv6)
        return tr("it is not the address of any one computer");
    if (plain.isLinkLocal() || plain.isSiteLocal() || plain.isUniqueLocalUnicast() || inSubnet(plain, "10.0.0.0/8")
        || inSubnet(plain, "172.16.0.0/12") || inSubnet(plain, "192.168.0.0/16"))
        return tr("it is a private address, which only the office network can reach");
    if (inSubnet(plain, "100.64.0.0/10"))
        return tr("it is an address behind the internet provider's shared NAT, which the internet cannot reach");
    if (plain.isMulticast() || plain.isBroadcast())
        return tr("it is not the address of any one computer");
    return {};
}

QString PublicAddress::whyUnreachable(const QString &host)
{
    const QHostAddress literal(host);
    if (!literal.isNull())
        return whyUnreachable(literal);
    const QString name = host.toLower();
    if (name == u"localhost"_s || name.endsWith(u".localhost"_s))
        return tr("it names this computer, which only this computer can reach");
    if (name.endsWith(u".local"_s) || name.endsWith(u".lan"_s) || name.endsWith(u".home.arpa"_s)
        || name.endsWith(u".internal"_s) || !name.contains(u'.'))
        return tr("it is a name only the office network knows");
    return {};
}

QCoro::Task<QHostInfo> PublicAddress::lookUp(QString host, std::chrono::milliseconds timeout)
{
    auto answer = std::make_unique<LookupAnswer>();
    LookupAnswer *receiver = answer.get();
    const int id = QHostInfo::lookupHost(
        host, receiver, [receiver](const QHostInfo &info) { Q_EMIT receiver->answered(info); });
    const std::optional<QHostInfo> info = co_await qCoro(receiver, &LookupAnswer::answered, timeout);
    if (info)
        co_return *info;
    QHostInfo::abortHostLookup(id);
    QHostInfo unanswered(id);
    unanswered.setHostName(host);
    unanswered.setError(QHostInfo::HostNotFound);
    unanswered.setErrorString(tr("no answer from the name server within %1 s").arg(timeout.count() / 1000.0));
    co_return unanswered;
}

bool PublicAddress::isThisComputer(const QHostAddress &address)
{
    if (address.isLoopback())
        return true;
    const QList<QHostAddress> own = QNetworkInterface::allAddresses();
    return std::any_of(own.cbegin(), own.cend(), [&address](const QHostAddress &mine) { return mine.isEqual(address, QHostAddress::TolerantConversion); });
}

#include "publicaddress.moc"
