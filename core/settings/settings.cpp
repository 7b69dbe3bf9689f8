// The one typed settings class: known keys, their defaults, validation, encryption of secrets.
#include "settings.h"

#include "phone/phonenormalizer.h"
#include "settingslog.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QHostAddress>
#include <QRegularExpression>
#include <QUrl>

#include <algorithm>
#include <limits>
#include <tuple>

using namespace Qt::StringLiterals;

namespace {

// How a key's value is checked and normalised.
enum class Kind
{
    AccountSid,
    ApiKeySid,
    Credential, // non-empty, no whitespace
    WebUrl,
    FullUrl, // a web address used as it is, query included: nothing is appended to it
    PhoneNumberList,
    HostWithPort,
    Integer,
    Boolean,
    PhoneNumber,
    Region,
    ListenAddress,
    WebhookToken,
    AccessToken, // like a webhook token, but a secret
    PemFile,     // a file holding a PEM certificate or private key
};

struct KeySpec
{
    QStringView key;
    Kind kind;
    bool secret;
    QStringView defaultValue; // null: no default
    int minimum = 0;
    int maximum = 0;
};

// The contract table of DESIGN.md, in its order.
constexpr KeySpec Specs[] = {
    { u"twilio.account_sid", Kind::AccountSid, false, {} },
    { u"twilio.auth_token", Kind::Credential, true, {} },
    { u"twilio.api_base", Kind::WebUrl, false, u"https://api.twilio.com" },
    { u"twilio.numbers", Kind::PhoneNumberList, false, u"" },
    { u"retell.api_key", Kind::Credential, true, {} },
    { u"retell.agent_id", Kind::Credential, false, {} },
    { u"retell.api_base", Kind::WebUrl, false, u"https://api.retellai.com" },
    { u"retell.sip_domain", Kind::HostWithPort, false, u"sip.retellai.com" },
    // Twilio gives a webhook 15 s in all; registering the call must leave time to answer on the fallback
    // path.
    { u"retell.timeout_ms", Kind::Integer, false, u"4000", 500, 12000 },
    { u"routing.enabled", Kind::Boolean, false, u"false" },
    { u"routing.fallback_number", Kind::PhoneNumber, false, {} },
    { u"routing.fallback_timeout_s", Kind::Integer, false, u"30", 5, 600 },
    { u"routing.default_region", Kind::Region, false, u"US" },
    { u"server.listen", Kind::ListenAddress, false, u"127.0.0.1:8080" },
    { u"server.public_url", Kind::WebUrl, false, {} },
    { u"server.webhook_token", Kind::WebhookToken, false, {} },
    // Beyond the contract table, for the Setup panel: an API key may stand in for the auth token on REST
    // calls (the auth token still signs webhooks), and a number may name where Twilio turns when this app
    // cannot be reached. Appended so that the contract keys keep their order.
    { u"twilio.api_key_sid", Kind::ApiKeySid, false, {} },
    { u"twilio.api_key_secret", Kind::Credential, true, {} },
    { u"twilio.voice_fallback_url", Kind::FullUrl, false, {} },
    // The live feed for other seats: its own listener (never the webhook port, which a tunnel exposes), a
    // token to watch and one to watch and act, and TLS when both PEM files are set.
    { u"feed.listen", Kind::ListenAddress, false, u"127.0.0.1:8081" },
    { u"feed.view_token", Kind::AccessToken, true, {} },
    { u"feed.control_token", Kind::AccessToken, true, {} },
    { u"feed.tls_cert", Kind::PemFile, false, {} },
    { u"feed.tls_key", Kind::PemFile, false, {} },
    // Data safety: daily copies kept in the data folder (0: none).
    { u"backup.keep", Kind::Integer, false, u"14", 0, 365 },
    // Call logs and recordings older than this many days are pruned (0: kept for ever).
    { u"retention.days", Kind::Integer, false, u"365", 0, 36500 },
};

const QString WebhookTokenKey = u"server.webhook_token"_s;
const QString FeedViewTokenKey = u"feed.view_token"_s;
const QString FeedControlTokenKey = u"feed.control_token"_s;
const QString DefaultRegionKey = u"routing.default_region"_s;
const QString DefaultListenHost = u"127.0.0.1"_s;
// Contract tokens of `config get`/`list`; scripts match them, so they are not translated.
const QString SetMarker = u"(set)"_s;
const QString NotSetMarker = u"(not set)"_s;
// 22 URL-safe base64 characters carry 132 bits, the least that still meets the 128-bit floor.
constexpr int MinimumTokenLength = 22;
constexpr int TokenBytes = 32;

const KeySpec *specFor(QStringView key)
{
    for (const KeySpec &spec : Specs) {
        if (spec.key == key)
            return &spec;
    }
    return nullptr;
}

bool hasDefault(const KeySpec &spec)
{
    return !spec.defaultValue.isNull();
}

int editDistance(QStringView a, QStringView b)
{
    QList<int> previous(b.size() + 1);
    QList<int> current(b.size() + 1);
    for (qsizetype j = 0; j <= b.size(); ++j)
        previous[j] = int(j);
    for (qsizetype i = 1; i <= a.size(); ++i) {
        current[0] = int(i);
        for (qsizetype j = 1; j <= b.size(); ++j) {
            const int substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
            current[j] = std::min({ previous[j] + 1, current[j - 1] + 1, substitution });
        }
        std::swap(previous, current);
    }
    return previous[b.size()];
}

// The known key a user most likely meant: a near miss in spelling, a key written without its section, or the
// start of a key. Null when nothing is close enough to be a helpful guess.
QString nearestKey(const QString &typed)
{
    const QString wanted = typed.trimmed().toLower();
    if (wanted.isEmpty())
        return {};
    const int tolerance = std::max(2, int(wanted.size()) / 4);
    QString best;
    int bestDistance = std::numeric_limits<int>::max();
    for (const KeySpec &spec : Specs) {
        const QString key = spec.key.toString();
        const QString name = key.section(u'.', 1);
        const int distance = editDistance(wanted, key);
        const bool close = distance <= tolerance || editDistance(wanted, name) <= 1
            || (wanted.size() >= 4 && key.startsWith(wanted));
        if (close && distance < bestDistance) {
            best = key;
            bestDistance = distance;
        }
    }
    return best;
}

QString unknownKeyError(const QString &key)
{
    const QString suggestion = nearestKey(key);
    if (suggestion.isEmpty())
        return Settings::tr("Unknown setting \"%1\"; run `switchboard config list` to see them all.")
            .arg(key);
    return Settings::tr(
        "Unknown setting \"%1\" (did you mean \"%2\"?); run `switchboard config list` to see them all.")
        .arg(key, suggestion);
}

bool fail(QString *error, const QString &message)
{
    if (error)
        *error = message;
    return false;
}

bool isHostName(const QString &host)
{
    static const QRegularExpression label(
        u"^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$"_s, QRegularExpression::CaseInsensitiveOption);
    if (host.isEmpty() || host.size() > 253)
        return false;
    const QStringList labels = host.split(u'.');
    return std::all_of(
        labels.cbegin(), labels.cend(), [](const QString &part) { return label.match(part).hasMatch(); });
}

std::optional<int> parsePort(const QString &text)
{
    static const QRegularExpression digits(u"^[0-9]{1,5}$"_s);
    if (!digits.match(text).hasMatch())
        return std::nullopt;
    const int port = text.toInt();
    if (port < 1 || port > 65535)
        return std::nullopt;
    return port;
}

// A dotted-quad IPv4 address in canonical form (no leading zeros), or nullopt.
std::optional<QString> canonicalIpv4(const QString &host)
{
    static const QRegularExpression quad(u"^([0-9]{1,3})\\.([0-9]{1,3})\\.([0-9]{1,3})\\.([0-9]{1,3})$"_s);
    const QRegularExpressionMatch match = quad.match(host);
    if (!match.hasMatch())
        return std::nullopt;
    QStringList parts;
    for (int i = 1; i <= 4; ++i) {
        const int octet = match.captured(i).toInt();
        if (octet > 255)
            return std::nullopt;
        parts.append(QString::number(octet));
    }
    return parts.join(u'.');
}

// HOST:PORT with HOST an IPv4 address, a bracketed IPv6 address or a host name; a bare PORT or :PORT means
// loopback, the safe choice for a router meant to sit behind a tunnel.
std::optional<QString> normaliseListen(const QString &text)
{
    QString host;
    QString portText;
    static const QRegularExpression digitsOnly(u"^[0-9]+$"_s);
    if (digitsOnly.match(text).hasMatch()) {
        host = DefaultListenHost;
        portText = text;
    } else if (text.startsWith(u'[')) {
        const qsizetype close = text.indexOf(u']');
        if (close < 0 || text.mid(close + 1, 1) != u":"_s)
            return std::nullopt;
        const QHostAddress address(text.mid(1, close - 1));
        if (address.protocol() != QAbstractSocket::IPv6Protocol)
            return std::nullopt;
        host = u'[' + address.toString() + u']';
        portText = text.mid(close + 2);
    } else {
        const qsizetype colon = text.lastIndexOf(u':');
        if (colon < 0)
            return std::nullopt;
        host = text.left(colon);
        portText = text.mid(colon + 1);
        static const QRegularExpression numeric(u"^[0-9.]+$"_s);
        if (host.isEmpty()) {
            host = DefaultListenHost;
        } else if (numeric.match(host).hasMatch()) {
            const std::optional<QString> ipv4 = canonicalIpv4(host);
            if (!ipv4)
                return std::nullopt;
            host = *ipv4;
        } else if (isHostName(host)) {
            host = host.toLower();
        } else {
            return std::nullopt; // also an IPv6 address written without brackets
        }
    }
    const std::optional<int> port = parsePort(portText);
    if (!port)
        return std::nullopt;
    return host + u':' + QString::number(*port);
}

std::optional<QString> normaliseUrl(const KeySpec &spec, const QString &text, QString *error)
{
    const QString key = spec.key.toString();
    const QUrl url(text, QUrl::StrictMode);
    const QString scheme = url.scheme().toLower();
    if (!url.isValid() || url.isRelative() || (scheme != u"http"_s && scheme != u"https"_s)
        || url.host().isEmpty()) {
        const QString example = hasDefault(spec) ? spec.defaultValue.toString() : u"https://example.com"_s;
        fail(error,
            Settings::tr(
                "%1: \"%2\" is not a web address; expected an absolute http or https URL such as %3.")
                .arg(key, text, example));
        return std::nullopt;
    }
    if (url.hasQuery() || url.hasFragment()) {
        fail(error, Settings::tr("%1: \"%2\" must not have a query (?…) or a fragment (#…).").arg(key, text));
        return std::nullopt;
    }
    // Callers append paths ("/2010-04-01/…"), so one form without a trailing slash avoids "//" in requests.
    QUrl normalised = url;
    QString path = url.path();
    while (path.endsWith(u'/'))
        path.chop(1);
    normalised.setPath(path);
    QString result = normalised.toString();
    // Twilio signs its webhooks over the URL as the owner wrote it in Twilio's console, capitals
    // included, so the public URL keeps the host as written (QUrl would lower-case it).
    if (key == u"server.public_url"_s) {
        const QString host = url.host(QUrl::FullyEncoded);
        const qsizetype written = text.indexOf(host, 0, Qt::CaseInsensitive);
        const qsizetype stored = result.indexOf(host);
        if (written >= 0 && stored >= 0)
            result.replace(stored, host.size(), text.mid(written, host.size()));
    }
    return result;
}

std::optional<QString> normalisePhone(
    const QString &key, const QString &written, const QString &region, QString *error)
{
    const PhoneNormalizer normalizer(region);
    if (std::optional<QString> e164 = normalizer.toE164(written))
        return e164;
    fail(error, Settings::tr("%1: \"%2\" is not a phone number.").arg(key, written));
    return std::nullopt;
}

// An absolute path to a readable file holding what the key names: a certificate (`…_cert`) or a private key.
// Read again when the feed starts; this only catches a wrong file early.
std::optional<QString> normalisePemFile(const QString &key, const QString &text, QString *error)
{
    const QString path = QFileInfo(text).absoluteFilePath();
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        fail(error, Settings::tr("%1: cannot read \"%2\": %3.").arg(key, path, file.errorString()));
        return std::nullopt;
    }
    // A PEM file is a few kilobytes; a huge file is not one.
    const QByteArray head = file.read(1024 * 1024);
    const bool wantsKey = key.endsWith(u"_key"_s);
    const bool looksRight = wantsKey ? head.contains("PRIVATE KEY-----") : head.contains("-----BEGIN CERTIFICATE-----");
    if (looksRight)
        return QDir::cleanPath(path);
    fail(error,
        (wantsKey ? Settings::tr("%1: \"%2\" holds no private key in PEM form (-----BEGIN PRIVATE KEY-----).")
                  : Settings::tr("%1: \"%2\" holds no certificate in PEM form (-----BEGIN CERTIFICATE-----)."))
            .arg(key, path));
    return std::nullopt;
}

// Checks and normalises a value for `spec`; `region` is the one used for phone numbers written without a
// country code. Error messages never quote the value of a secret.
std::optional<QString> normalise(
    const KeySpec &spec, const QString &value, const QString &region, QString *error)
{
    const QString key = spec.key.toString();
    const QString text = value.trimmed();
    if (text.isEmpty() && spec.kind != Kind::PhoneNumberList) {
        fail(error,
            Settings::tr("%1 cannot be empty; run `switchboard config unset %1` to clear it.").arg(key));
        return std::nullopt;
    }

    switch (spec.kind) {
    case Kind::AccountSid: {
        static const QRegularExpression sid(u"^AC[0-9a-fA-F]{32}$"_s);
        if (sid.match(text).hasMatch())
            return text;
        fail(error,
            Settings::tr("%1: \"%2\" is not an account SID; expected AC followed by 32 hexadecimal digits.")
                .arg(key, text));
        return std::nullopt;
    }
    case Kind::ApiKeySid: {
        static const QRegularExpression sid(u"^SK[0-9a-fA-F]{32}$"_s);
        if (sid.match(text).hasMatch())
            return text;
        fail(error,
            Settings::tr("%1: \"%2\" is not an API key SID; expected SK followed by 32 hexadecimal digits.")
                .arg(key, text));
        return std::nullopt;
    }
    case Kind::Credential: {
        static const QRegularExpression whitespace(u"\\s"_s);
        if (!text.contains(whitespace))
            return text;
        fail(error, Settings::tr("%1 must be a single word with no spaces.").arg(key));
        return std::nullopt;
    }
    case Kind::WebUrl:
        return normaliseUrl(spec, text, error);
    case Kind::FullUrl: {
        const QUrl url(text, QUrl::StrictMode);
        const QString scheme = url.scheme().toLower();
        if (url.isValid() && !url.isRelative() && (scheme == u"http"_s || scheme == u"https"_s)
            && !url.host().isEmpty() && !url.hasFragment())
            return url.toString(QUrl::FullyEncoded);
        fail(error,
            Settings::tr("%1: \"%2\" is not a web address; expected an absolute http or https URL such as "
                         "https://example.com/fallback.")
                .arg(key, text));
        return std::nullopt;
    }
    case Kind::PhoneNumberList: {
        QStringList numbers;
        for (const QString &entry : text.split(u',')) {
            const QString written = entry.trimmed();
            if (written.isEmpty())
                continue;
            const std::optional<QString> e164 = normalisePhone(key, written, region, error);
            if (!e164)
                return std::nullopt;
            if (!numbers.contains(*e164))
                numbers.append(*e164);
        }
        return numbers.join(u',');
    }
    case Kind::HostWithPort: {
        const qsizetype colon = text.indexOf(u':');
        const QString host = colon < 0 ? text : text.left(colon);
        const std::optional<int> port = colon < 0 ? std::nullopt : parsePort(text.mid(colon + 1));
        if (isHostName(host) && (colon < 0 || port))
            return port ? host.toLower() + u':' + QString::number(*port) : host.toLower();
        fail(error,
            Settings::tr(
                "%1: \"%2\" is not a host name; expected letters, digits, dots and hyphens, optionally "
                "followed by :PORT.")
                .arg(key, text));
        return std::nullopt;
    }
    case Kind::Integer: {
        static const QRegularExpression integer(u"^[+-]?[0-9]{1,9}$"_s);
        const int number = text.toInt();
        if (integer.match(text).hasMatch() && number >= spec.minimum && number <= spec.maximum)
            return QString::number(number);
        fail(error,
            Settings::tr("%1 must be a whole number from %2 to %3.")
                .arg(key)
                .arg(spec.minimum)
                .arg(spec.maximum));
        return std::nullopt;
    }
    case Kind::Boolean: {
        const QString word = text.toLower();
        if (word == u"true"_s || word == u"yes"_s || word == u"on"_s || word == u"1"_s)
            return u"true"_s;
        if (word == u"false"_s || word == u"no"_s || word == u"off"_s || word == u"0"_s)
            return u"false"_s;
        fail(error, Settings::tr("%1 must be true or false.").arg(key));
        return std::nullopt;
    }
    case Kind::PhoneNumber:
        return normalisePhone(key, text, region, error);
    case Kind::Region: {
        const QString code = text.toUpper();
        if (PhoneNormalizer::isKnownRegion(code))
            return code;
        fail(error,
            Settings::tr(
                "%1: \"%2\" is not a known region; expected a two-letter country code such as US or GB.")
                .arg(key, text));
        return std::nullopt;
    }
    case Kind::ListenAddress:
        if (std::optional<QString> listen = normaliseListen(text))
            return listen;
        fail(error,
            Settings::tr(
                "%1: \"%2\" is not HOST:PORT; expected for example 127.0.0.1:8080, [::1]:8080 or :8080, "
                "with a port from 1 to 65535.")
                .arg(key, text));
        return std::nullopt;
    case Kind::PemFile:
        return normalisePemFile(key, text, error);
    case Kind::WebhookToken:
    case Kind::AccessToken: {
        static const QRegularExpression token(u"^[A-Za-z0-9_-]+$"_s);
        if (text.size() >= MinimumTokenLength && token.match(text).hasMatch())
            return text;
        fail(error,
            Settings::tr("%1 must be at least %2 characters of letters, digits, \"-\" and \"_\".")
                .arg(key)
                .arg(MinimumTokenLength));
        return std::nullopt;
    }
    }
    return std::nullopt;
}

// A normalised HOST:PORT as the host (an IPv6 address without its brackets) and the port.
std::pair<QString, quint16> splitListen(const QString &listen)
{
    const qsizetype colon = listen.lastIndexOf(u':');
    QString host = listen.left(colon);
    if (host.startsWith(u'['))
        host = host.mid(1, host.size() - 2);
    return { host, quint16(listen.mid(colon + 1).toUInt()) };
}

QString validRegionOrDefault(const std::optional<StoredSetting> &stored)
{
    const QString region = stored ? stored->value.trimmed().toUpper() : QString();
    return PhoneNormalizer::isKnownRegion(region) ? region
                                                  : specFor(DefaultRegionKey)->defaultValue.toString();
}

} // namespace

Settings::Settings(Database &db, QByteArray masterKey)
    : m_store(db)
    , m_box(std::move(masterKey))
{ }

QStringList Settings::knownKeys()
{
    QStringList keys;
    for (const KeySpec &spec : Specs)
        keys.append(spec.key.toString());
    return keys;
}

bool Settings::isKnownKey(const QString &key)
{
    return specFor(key) != nullptr;
}

bool Settings::isSecret(const QString &key)
{
    const KeySpec *spec = specFor(key);
    return spec && spec->secret;
}

bool Settings::isPhoneNumber(const QString &key)
{
    const KeySpec *spec = specFor(key);
    return spec && spec->kind == Kind::PhoneNumber;
}

QString Settings::storedRegion()
{
    return validRegionOrDefault(m_store.find(DefaultRegionKey));
}

std::optional<std::pair<QString, QString>> Settings::halfApiKeyProblem(
    bool sidGiven, bool secretThere, bool secretEntered)
{
    if (sidGiven && !secretThere)
        return std::pair { u"twilio.api_key_secret"_s,
            tr("Enter the API key's secret too, or clear the API key SID to use the auth token.") };
    if (!sidGiven && secretEntered)
        return std::pair { u"twilio.api_key_sid"_s, tr("Enter the API key SID (SK…) that goes with this secret.") };
    return std::nullopt;
}

QString Settings::defaultRegion()
{
    return storedRegion();
}

QString Settings::defaultRegionIn(Database &db)
{
    return validRegionOrDefault(SettingsStore(db).find(DefaultRegionKey));
}

QString Settings::defaultOf(const QString &key)
{
    const KeySpec *spec = specFor(key);
    return spec && hasDefault(*spec) ? spec->defaultValue.toString() : QString();
}

int Settings::integer(const QString &key)
{
    bool isNumber = false;
    const int number = value(key).value_or(QString()).toInt(&isNumber);
    return isNumber ? number : defaultOf(key).toInt();
}

int Settings::backupKeep()
{
    return integer(u"backup.keep"_s);
}

int Settings::retentionDays()
{
    return integer(u"retention.days"_s);
}

bool Settings::set(const QString &key, const QString &value, QString *error)
{
    const KeySpec *spec = specFor(key);
    if (!spec)
        return fail(error, unknownKeyError(key));
    const QString region
        = spec->kind == Kind::PhoneNumber || spec->kind == Kind::PhoneNumberList ? storedRegion() : QString();
    const std::optional<QString> normalised = normalise(*spec, value, region, error);
    if (!normalised)
        return false;

    StoredSetting row { key, *normalised, spec->secret };
    if (spec->secret) {
        // The key is bound as associated data: a sealed value copied onto another setting will not open.
        const QByteArray sealed = m_box.seal(normalised->toUtf8(), key.toUtf8());
        if (sealed.isEmpty())
            return fail(error, tr("%1 could not be encrypted, so it was not saved.").arg(key));
        row.value = QString::fromLatin1(sealed);
    }
    if (!m_store.put(row, error))
        return false;
    qCDebug(lcSettings) << "Setting" << key << "changed";
    return true;
}

bool Settings::unset(const QString &key, QString *error)
{
    if (!specFor(key))
        return fail(error, unknownKeyError(key));
    return m_store.remove(key, error);
}

std::optional<QString> Settings::value(const QString &key, QString *error)
{
    const KeySpec *spec = specFor(key);
    if (!spec) {
        fail(error, unknownKeyError(key));
        return std::nullopt;
    }
    QString storeError;
    const std::optional<StoredSetting> stored = m_store.find(key, &storeError);
    if (!storeError.isEmpty()) {
        fail(error, storeError);
        return std::nullopt;
    }
    if (!stored)
        return hasDefault(*spec) ? std::optional<QString>(spec->defaultValue.toString()) : std::nullopt;
    if (!stored->secret) {
        if (spec->secret)
            qCWarning(lcSettings) << "The secret" << key
                                  << "is stored unencrypted; set it again to encrypt it";
        return stored->value;
    }
    QString reason;
    const std::optional<QByteArray> plain = m_box.open(stored->value.toLatin1(), key.toUtf8(), &reason);
    if (!plain) {
        qCWarning(lcSettings) << "Cannot decrypt" << key << "-" << reason;
        fail(error,
            tr("The stored %1 cannot be decrypted: it was saved with a different master key (secret.key) or "
               "has been "
               "altered; set it again with `switchboard config set %1 VALUE`.")
                .arg(key));
        return std::nullopt;
    }
    return QString::fromUtf8(*plain);
}

QString Settings::displayValue(const QString &key)
{
    const KeySpec *spec = specFor(key);
    if (!spec)
        return {};
    if (spec->secret)
        return m_store.find(key) ? SetMarker : NotSetMarker;
    return value(key).value_or(NotSetMarker);
}

QList<std::pair<QString, QString>> Settings::displayList()
{
    // One read for the whole list, so it shows one consistent state.
    QHash<QString, StoredSetting> stored;
    for (const StoredSetting &row : m_store.all())
        stored.insert(row.key, row);
    QList<std::pair<QString, QString>> list;
    for (const KeySpec &spec : Specs) {
        const QString key = spec.key.toString();
        const auto row = stored.constFind(key);
        QString shown;
        if (spec.secret)
            shown = row != stored.cend() ? SetMarker : NotSetMarker;
        else if (row != stored.cend())
            shown = row->value;
        else
            shown = hasDefault(spec) ? spec.defaultValue.toString() : NotSetMarker;
        list.append({ key, shown });
    }
    return list;
}

bool Settings::ensureTokens(QString *error)
{
    for (const QString &key : { WebhookTokenKey, FeedViewTokenKey, FeedControlTokenKey }) {
        QString storeError;
        if (m_store.find(key, &storeError))
            continue;
        if (!storeError.isEmpty())
            return fail(error, storeError);
        std::optional<StoredSetting> row = newTokenRow(key, error);
        bool inserted = false;
        // Another program may create it at the same moment: the first one stays.
        if (!row || !m_store.putIfAbsent(*row, &inserted, error))
            return false;
        if (inserted)
            qCInfo(lcSettings) << "Created" << key;
    }
    return true;
}

std::optional<StoredSetting> Settings::newTokenRow(const QString &key, QString *error)
{
    const QByteArray random = SecretBox::randomBytes(TokenBytes);
    if (random.isEmpty()) {
        fail(error, tr("Cannot create %1: the system has no source of secure random numbers.").arg(key));
        return std::nullopt;
    }
    const QString token = QString::fromLatin1(
        random.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
    if (!isSecret(key))
        return StoredSetting { key, token, false };
    const QByteArray sealed = m_box.seal(token.toUtf8(), key.toUtf8());
    if (sealed.isEmpty()) {
        fail(error, tr("%1 could not be encrypted, so it was not saved.").arg(key));
        return std::nullopt;
    }
    return StoredSetting { key, QString::fromLatin1(sealed), true };
}

bool Settings::rotate(const QString &key, QString *token, QString *error)
{
    if (!specFor(key))
        return fail(error, unknownKeyError(key));
    if (key != FeedViewTokenKey && key != FeedControlTokenKey)
        return fail(error,
            tr("%1 cannot be rotated; only feed.view_token and feed.control_token can.").arg(key));
    std::optional<StoredSetting> row = newTokenRow(key, error);
    if (!row || !m_store.put(*row, error))
        return false;
    qCInfo(lcSettings) << "Rotated" << key;
    // Read back the way every reader will, so what is shown is what works.
    const std::optional<QString> stored = value(key, error);
    if (!stored)
        return false;
    *token = *stored;
    return true;
}

RouterSettings Settings::routerSettings()
{
    // One query, so the snapshot is consistent even while another connection writes.
    QHash<QString, StoredSetting> stored;
    for (const StoredSetting &row : m_store.all())
        stored.insert(row.key, row);

    const auto regionRow = stored.constFind(DefaultRegionKey);
    const QString region
        = validRegionOrDefault(regionRow != stored.cend() ? std::optional(*regionRow) : std::nullopt);

    const auto effective = [&](const QString &key) -> QString {
        const KeySpec &spec = *specFor(key);
        const QString fallback = hasDefault(spec) ? spec.defaultValue.toString() : QString();
        const auto row = stored.constFind(key);
        if (row == stored.cend())
            return fallback;
        QString raw = row->value;
        if (row->secret) {
            QString reason;
            const std::optional<QByteArray> plain = m_box.open(raw.toLatin1(), key.toUtf8(), &reason);
            if (!plain) {
                qCWarning(lcSettings) << "Ignoring" << key << "because it cannot be decrypted:" << reason;
                return fallback;
            }
            raw = QString::fromUtf8(*plain);
        }
        QString problem;
        const std::optional<QString> normalised = normalise(spec, raw, region, &problem);
        if (!normalised) {
            // The problem sentence of a secret names only the key, never the value.
            qCWarning(lcSettings).noquote() << u"Ignoring the stored value of %1 (%2): %3"_s.arg(
                key, hasDefault(spec) ? u"using the default"_s : u"leaving it unset"_s, problem);
            return fallback;
        }
        return *normalised;
    };

    RouterSettings snapshot;
    snapshot.twilioAccountSid = effective(u"twilio.account_sid"_s);
    snapshot.twilioAuthToken = effective(u"twilio.auth_token"_s);
    snapshot.twilioApiBase = QUrl(effective(u"twilio.api_base"_s));
    snapshot.twilioNumbers = effective(u"twilio.numbers"_s).split(u',', Qt::SkipEmptyParts);
    snapshot.retellApiKey = effective(u"retell.api_key"_s);
    snapshot.retellAgentId = effective(u"retell.agent_id"_s);
    snapshot.retellApiBase = QUrl(effective(u"retell.api_base"_s));
    snapshot.retellSipDomain = effective(u"retell.sip_domain"_s);
    snapshot.retellTimeoutMs = effective(u"retell.timeout_ms"_s).toInt();
    snapshot.routingEnabled = effective(u"routing.enabled"_s) == u"true"_s;
    snapshot.fallbackNumber = effective(u"routing.fallback_number"_s);
    snapshot.fallbackTimeoutSeconds = effective(u"routing.fallback_timeout_s"_s).toInt();
    snapshot.defaultRegion = region;
    std::tie(snapshot.listenHost, snapshot.listenPort) = splitListen(effective(u"server.listen"_s));
    std::tie(snapshot.feedListenHost, snapshot.feedListenPort) = splitListen(effective(u"feed.listen"_s));
    snapshot.feedViewToken = effective(u"feed.view_token"_s);
    snapshot.feedControlToken = effective(u"feed.control_token"_s);
    snapshot.feedTlsCert = effective(u"feed.tls_cert"_s);
    snapshot.feedTlsKey = effective(u"feed.tls_key"_s);
    const QString publicUrl = effective(u"server.public_url"_s);
    snapshot.publicUrl = publicUrl.isEmpty() ? QUrl() : QUrl(publicUrl);
    snapshot.publicUrlText = publicUrl;
    snapshot.webhookToken = effective(u"server.webhook_token"_s);
    snapshot.twilioApiKeySid = effective(u"twilio.api_key_sid"_s);
    snapshot.twilioApiKeySecret = effective(u"twilio.api_key_secret"_s);
    const QString voiceFallbackUrl = effective(u"twilio.voice_fallback_url"_s);
    snapshot.twilioVoiceFallbackUrl = voiceFallbackUrl.isEmpty() ? QUrl() : QUrl(voiceFallbackUrl);
    return snapshot;
}
