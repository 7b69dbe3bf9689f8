// The strip that says when a remote seat is not watching, and why.
#include "connectionbanner.h"

#include "look/statuscolours.h"

#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

ConnectionBanner::ConnectionBanner(QWidget *parent)
    : QFrame(parent)
    , m_sentence(new QLabel(this))
    , m_reason(new QLabel(this))
    , m_fingerprint(new QLabel(this))
    , m_trust(new QPushButton(tr("&Trust this certificate"), this))
    , m_newToken(new QPushButton(tr("Enter another &token…"), this))
{
    setObjectName(u"connectionBanner"_s);
    m_sentence->setObjectName(u"bannerSentence"_s);
    m_reason->setObjectName(u"bannerReason"_s);
    m_fingerprint->setObjectName(u"fingerprint"_s);
    m_trust->setObjectName(u"trustCertificate"_s);
    m_newToken->setObjectName(u"newToken"_s);
    setAutoFillBackground(true);
    setFrameShape(QFrame::StyledPanel);
    QFont bold = m_sentence->font();
    bold.setBold(true);
    m_sentence->setFont(bold);
    for (QLabel *label : { m_sentence, m_reason, m_fingerprint }) {
        label->setWordWrap(true);
        label->setTextFormat(Qt::PlainText);
        label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    }
    // Compared character by character with what the other computer shows: a fixed-width font.
    m_fingerprint->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_fingerprint->setAccessibleName(tr("SHA-256 fingerprint of the certificate"));

    auto *words = new QVBoxLayout;
    words->addWidget(m_sentence);
    words->addWidget(m_reason);
    words->addWidget(m_fingerprint);
    auto *layout = new QHBoxLayout(this);
    layout->addLayout(words, 1);
    layout->addWidget(m_trust, 0, Qt::AlignVCenter);
    layout->addWidget(m_newToken, 0, Qt::AlignVCenter);
    connect(m_trust, &QPushButton::clicked, this, &ConnectionBanner::trustRequested);
    connect(m_newToken, &QPushButton::clicked, this, &ConnectionBanner::newTokenRequested);
    clear();
}

void ConnectionBanner::paint(Tone tone)
{
    // A wash of the status colour under the palette's own text, readable on light and dark desktops.
    const StatusColours::Status status
        = tone == Tone::Problem ? StatusColours::Status::Bad : StatusColours::Status::Warning;
    QPalette shades = palette();
    shades.setColor(QPalette::Window, StatusColours::background(status, shades));
    setPalette(shades);
}

void ConnectionBanner::showMessage(Tone tone, const QString &sentence, const QString &reason)
{
    paint(tone);
    m_sentence->setText(sentence);
    m_reason->setText(reason);
    m_reason->setVisible(!reason.isEmpty());
    m_fingerprint->hide();
    m_trust->hide();
    m_newToken->hide();
    show();
}

void ConnectionBanner::showCertificate(const QString &sentence, const QString &fingerprint)
{
    showMessage(Tone::Problem, sentence);
    m_fingerprint->setText(fingerprint);
    m_fingerprint->show();
    m_trust->show();
}

void ConnectionBanner::showTokenRefused(const QString &sentence)
{
    showMessage(Tone::Problem, sentence);
    m_newToken->show();
}

void ConnectionBanner::clear()
{
    m_sentence->clear();
    m_reason->clear();
    m_fingerprint->clear();
    hide();
}

QString ConnectionBanner::text() const
{
    if (isHidden())
        return {};
    QStringList lines { m_sentence->text() };
    for (const QLabel *label : { m_reason, m_fingerprint }) {
        if (!label->isHidden() && !label->text().isEmpty())
            lines.append(label->text());
    }
    return lines.join(u'\n');
}
