// What "Connect to another Switchboard" remembers for next time.
#include "remoteseatmemory.h"

#include "desktop/uistate.h"
#include "secrets/secretbox.h"

namespace {

// Authenticated with the sealed token, so that a value sealed for another secret never opens as this one.
const QByteArray TokenPurpose = "remote seat token";

} // namespace

RemoteSeatMemory::RemoteSeatMemory(UiState &state, const SecretBox &box)
    : m_state(state)
    , m_box(box)
{ }

RemoteSeatSettings RemoteSeatMemory::recall(QString *problem) const
{
    const UiState::RemoteSeat kept = m_state.remoteSeat();
    RemoteSeatSettings settings { kept.address, {}, kept.seatName, kept.trustedCertificate };
    if (kept.sealedToken.isEmpty())
        return settings;
    QString why;
    if (const std::optional<QByteArray> token = m_box.open(kept.sealedToken, TokenPurpose, &why))
        settings.token = QString::fromLatin1(*token);
    else if (problem)
        *problem = tr("The remembered token cannot be read any more (%1); paste it again.").arg(why);
    return settings;
}

bool RemoteSeatMemory::isEmpty() const
{
    const UiState::RemoteSeat kept = m_state.remoteSeat();
    return kept.address.isEmpty() && kept.seatName.isEmpty() && kept.sealedToken.isEmpty();
}

bool RemoteSeatMemory::remember(const RemoteSeatSettings &settings, QString *error)
{
    const QByteArray sealed
        = settings.token.isEmpty() ? QByteArray() : m_box.seal(settings.token.toLatin1(), TokenPurpose);
    if (!settings.token.isEmpty() && sealed.isEmpty()) {
        if (error)
            *error = tr("The token cannot be kept safely on this computer, so nothing was remembered.");
        return false;
    }
    const UiState::RemoteSeat before = m_state.remoteSeat();
    // A certificate is trusted at one address: another address starts without it.
    QByteArray trusted = settings.trustedCertificate;
    if (trusted.isEmpty() && before.address == settings.address)
        trusted = before.trustedCertificate;
    m_state.setRemoteSeat({ settings.address, settings.seatName, sealed, trusted });
    return true;
}

void RemoteSeatMemory::trustCertificate(const QString &address, const QByteArray &sha256)
{
    UiState::RemoteSeat kept = m_state.remoteSeat();
    if (kept.address != address)
        return;
    kept.trustedCertificate = sha256;
    m_state.setRemoteSeat(kept);
}

void RemoteSeatMemory::forget()
{
    m_state.forgetRemoteSeat();
}
