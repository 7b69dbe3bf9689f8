// The strip across the top of a remote seat's window that says plainly when the seat is not watching: cut
// off and trying again, its token refused, or a certificate to trust first. It is hidden while connected.
#pragma once

#include <QFrame>

class QLabel;
class QPushButton;

class ConnectionBanner : public QFrame
{
    Q_OBJECT

public:
    enum class Tone
    {
        Waiting, // getting there by itself: connecting, or trying again shortly
        Problem, // a person must act: a refused token, an untrusted certificate
    };

    explicit ConnectionBanner(QWidget *parent = nullptr);

    // One sentence, and under it the reason when there is one.
    void showMessage(Tone tone, const QString &sentence, const QString &reason = {});
    // An untrusted certificate: its fingerprint shown plainly to compare, and a button to trust it.
    void showCertificate(const QString &sentence, const QString &fingerprint);
    // A refused token: a button to enter another one.
    void showTokenRefused(const QString &sentence);
    // Connected.
    void clear();

    // What the banner says, as shown (empty while hidden).
    QString text() const;

Q_SIGNALS:
    void trustRequested();
    void newTokenRequested();

private:
    void paint(Tone tone);

    QLabel *m_sentence;
    QLabel *m_reason;
    QLabel *m_fingerprint;
    QPushButton *m_trust;
    QPushButton *m_newToken;
};
