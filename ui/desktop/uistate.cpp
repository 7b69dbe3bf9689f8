// What the window remembers between runs.
#include "uistate.h"

#include <QCryptographicHash>

using namespace Qt::StringLiterals;

UiState::UiState(const QString &dataDir)
    : m_settings(u"Switchboard"_s, u"Switchboard"_s)
    , m_group(QString::fromLatin1(
          QCryptographicHash::hash(dataDir.toUtf8(), QCryptographicHash::Sha1).toHex().left(12)))
{ }

QString UiState::key(const QString &name) const
{
    return u"window-"_s + m_group + u'/' + name;
}

QByteArray UiState::geometry() const
{
    return m_settings.value(key(u"geometry"_s)).toByteArray();
}

void UiState::setGeometry(const QByteArray &geometry)
{
    m_settings.setValue(key(u"geometry"_s), geometry);
}

QString UiState::lastPanel() const
{
    return m_settings.value(key(u"panel"_s)).toString();
}

void UiState::setLastPanel(const QString &panelId)
{
    m_settings.setValue(key(u"panel"_s), panelId);
}

bool UiState::notifyNewCalls() const
{
    return m_settings.value(key(u"notify"_s), false).toBool();
}

void UiState::setNotifyNewCalls(bool on)
{
    m_settings.setValue(key(u"notify"_s), on);
}

bool UiState::assistantClosed() const
{
    return m_settings.value(key(u"assistant-closed"_s), false).toBool();
}

void UiState::setAssistantClosed(bool closed)
{
    m_settings.setValue(key(u"assistant-closed"_s), closed);
}

std::optional<bool> UiState::startAtLogin() const
{
    const QVariant chosen = m_settings.value(key(u"start-at-login"_s));
    if (!chosen.isValid())
        return std::nullopt;
    return chosen.toBool();
}

void UiState::setStartAtLogin(bool on)
{
    m_settings.setValue(key(u"start-at-login"_s), on);
}

QByteArray UiState::csvMapping(const QString &kind, const QString &headerKey) const
{
    return m_settings.value(key(u"csv-mapping/"_s + kind + u'/' + headerKey)).toByteArray();
}

void UiState::setCsvMapping(const QString &kind, const QString &headerKey, const QByteArray &mapping)
{
    m_settings.setValue(key(u"csv-mapping/"_s + kind + u'/' + headerKey), mapping);
}

UiState::CallBackPhone UiState::callBackPhone() const
{
    return { m_settings.value(key(u"call-back/staff"_s)).toString(),
        m_settings.value(key(u"call-back/number"_s)).toString() };
}

void UiState::setCallBackPhone(const CallBackPhone &phone)
{
    m_settings.setValue(key(u"call-back/staff"_s), phone.staffId);
    m_settings.setValue(key(u"call-back/number"_s), phone.number);
}

UiState::RemoteSeat UiState::remoteSeat() const
{
    return RemoteSeat {
        m_settings.value(key(u"remote-seat/address"_s)).toString(),
        m_settings.value(key(u"remote-seat/seat-name"_s)).toString(),
        m_settings.value(key(u"remote-seat/sealed-token"_s)).toString().toLatin1(),
        QByteArray::fromHex(
            m_settings.value(key(u"remote-seat/trusted-certificate"_s)).toString().toLatin1()),
    };
}

void UiState::setRemoteSeat(const RemoteSeat &seat)
{
    m_settings.setValue(key(u"remote-seat/address"_s), seat.address);
    m_settings.setValue(key(u"remote-seat/seat-name"_s), seat.seatName);
    // Sealed values are printable ("v1:" and base64): kept as text, not as a binary blob.
    m_settings.setValue(key(u"remote-seat/sealed-token"_s), QString::fromLatin1(seat.sealedToken));
    // As hex, the way a person comparing it in the file would read a fingerprint.
    m_settings.setValue(
        key(u"remote-seat/trusted-certificate"_s), QString::fromLatin1(seat.trustedCertificate.toHex()));
}

void UiState::forgetRemoteSeat()
{
    m_settings.remove(key(u"remote-seat"_s));
}

QString UiState::savedLanguage()
{
    return QSettings(u"Switchboard"_s, u"Switchboard"_s).value(u"language"_s).toString();
}

void UiState::setSavedLanguage(const QString &language)
{
    QSettings(u"Switchboard"_s, u"Switchboard"_s).setValue(u"language"_s, language);
}
