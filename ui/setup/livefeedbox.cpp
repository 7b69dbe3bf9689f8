#include "livefeedbox.h"

#include "datadir/datadirectory.h"
#include "look/icons.h"
#include "look/statuscolours.h"
#include "settings/routersettings.h"
#include "settings/settings.h"
#include "settingfields.h"

#include <QClipboard>
#include <QFormLayout>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QHostAddress>
#include <QHostInfo>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QNetworkInterface>
#include <QPushButton>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace {

// The address of this computer that the practice's other computers most likely reach: its first
// non-loopback IPv4 address; the host name when it has none.
QString lanAddress()
{
    for (const QHostAddress &address : QNetworkInterface::allAddresses()) {
        if (address.protocol() == QAbstractSocket::IPv4Protocol && !address.isLoopback() && !address.isLinkLocal())
            return address.toString();
    }
    return QHostInfo::localHostName();
}

QPushButton *copyButton(QWidget *parent, const std::function<QString()> &text, const QString &accessibleName)
{
    auto *button = new QPushButton(Icons::named(u"edit-copy"_s), LiveFeedBox::tr("Copy"), parent);
    button->setAccessibleName(accessibleName);
    QObject::connect(button, &QPushButton::clicked, button, [button, text] {
        QGuiApplication::clipboard()->setText(text());
        button->setText(LiveFeedBox::tr("Copied"));
        QTimer::singleShot(1500, button, [button] { button->setText(LiveFeedBox::tr("Copy")); });
    });
    return button;
}

} // namespace

LiveFeedBox::LiveFeedBox(DataDirectory &data, SettingFields &fields, QWidget *parent)
    : QGroupBox(tr("Other seats: the live calls on other computers"), parent)
    , m_data(data)
{
    auto *form = new QFormLayout(this);
    form->addRow(SettingFields::hintLabel(
        tr("Staff at other desks, and the owner at home, see the live calls, call logs and statistics with "
           "\"Connect to another Switchboard\" in their own Switchboard, or in a terminal with switchboard monitor."),
        this));
    fields.add(form, u"feed.listen"_s, tr("Listen on"), Settings::defaultOf(u"feed.listen"_s),
        tr("127.0.0.1:8081 lets in only this computer; 0.0.0.0:8081 lets in the practice's other computers."));

    auto *addressRow = new QWidget(this);
    auto *addressLayout = new QHBoxLayout(addressRow);
    addressLayout->setContentsMargins(0, 0, 0, 0);
    m_address = new QLineEdit(addressRow);
    m_address->setObjectName(u"feedAddress"_s);
    m_address->setReadOnly(true);
    addressLayout->addWidget(m_address, 1);
    addressLayout->addWidget(copyButton(addressRow, [this] { return m_address->text(); }, tr("Copy the seat address")));
    form->addRow(tr("Seat address"), addressRow);
    m_reach = SettingFields::hintLabel(QString(), this);
    form->addRow(QString(), m_reach);

    addTokenRow(form, u"feed.view_token"_s, tr("Token to watch"),
        tr("Sees the live calls, call logs and statistics."));
    addTokenRow(form, u"feed.control_token"_s, tr("Token to act"),
        tr("Also hangs up, sends to voicemail, transfers and calls back. Give it only to people who may."));

    fields.add(form, u"feed.tls_cert"_s, tr("TLS certificate"), tr("optional: a PEM file"),
        tr("With a certificate and its key, seats connect with wss:// and nobody on the network can read along."));
    fields.add(form, u"feed.tls_key"_s, tr("TLS key"), tr("optional: a PEM file"), {});
    m_problem = new QLabel(this);
    m_problem->setObjectName(u"feedProblem"_s);
    m_problem->setWordWrap(true);
    m_problem->setStyleSheet(StatusColours::textStyle(StatusColours::Status::Bad));
    m_problem->hide();
    form->addRow(m_problem);
    refresh();
}

void LiveFeedBox::addTokenRow(QFormLayout *form, const QString &key, const QString &label, const QString &hint)
{
    auto *row = new QWidget(this);
    auto *layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    TokenRow token { key, new QLineEdit(row), new QPushButton(tr("Show"), row) };
    token.edit->setObjectName(key);
    token.edit->setReadOnly(true);
    token.edit->setEchoMode(QLineEdit::Password);
    token.show->setCheckable(true);
    token.show->setAccessibleName(tr("Show the %1").arg(label.toLower()));
    connect(token.show, &QPushButton::toggled, token.edit, [edit = token.edit, show = token.show](bool shown) {
        edit->setEchoMode(shown ? QLineEdit::Normal : QLineEdit::Password);
        show->setText(shown ? tr("Hide") : tr("Show"));
    });
    auto *renew = new QPushButton(Icons::named(u"view-refresh"_s), tr("New token"), row);
    renew->setObjectName(key + u".renew"_s);
    renew->setToolTip(tr("Makes a new token: seats using this one are cut off at once and need the new one."));
    connect(renew, &QPushButton::clicked, this, [this, key] { renewToken(key); });
    layout->addWidget(token.edit, 1);
    layout->addWidget(token.show);
    layout->addWidget(copyButton(row, [edit = token.edit] { return edit->text(); }, tr("Copy the %1").arg(label.toLower())));
    layout->addWidget(renew);
    form->addRow(label, row);
    form->addRow(QString(), SettingFields::hintLabel(hint, this));
    m_tokens.append(token);
}

void LiveFeedBox::refresh()
{
    const RouterSettings settings = m_data.settings().routerSettings();
    m_address->setText(seatAddress());
    const QHostAddress host(settings.feedListenHost);
    m_reach->setText(host.isLoopback() ? tr("Only this computer can connect now.")
                                       : tr("The practice's other computers connect to this address; keep "
                                            "the port closed to the internet unless the feed uses TLS."));
    for (const TokenRow &token : std::as_const(m_tokens))
        token.edit->setText(m_data.settings().value(token.key).value_or(QString()));
}

QString LiveFeedBox::seatAddress() const
{
    const RouterSettings settings = m_data.settings().routerSettings();
    const bool tls = !settings.feedTlsCert.isEmpty() && !settings.feedTlsKey.isEmpty();
    const QHostAddress listen(settings.feedListenHost);
    QString host = settings.feedListenHost;
    if (listen == QHostAddress::AnyIPv4 || listen == QHostAddress::AnyIPv6 || listen == QHostAddress::Any)
        host = lanAddress();
    else if (listen.protocol() == QAbstractSocket::IPv6Protocol)
        host = u'[' + host + u']';
    return (tls ? u"wss://"_s : u"ws://"_s) + host + u':' + QString::number(settings.feedListenPort);
}

QString LiveFeedBox::shownToken(const QString &key) const
{
    for (const TokenRow &token : m_tokens) {
        if (token.key == key)
            return token.edit->text();
    }
    return {};
}

bool LiveFeedBox::renewToken(const QString &key, bool ask)
{
    if (ask
        && QMessageBox::question(this, tr("Make a new token?"),
               tr("Seats that use the current token are cut off at once and need the new one to connect again."),
               QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel)
            != QMessageBox::Yes)
        return false;
    QString token;
    QString error;
    if (!m_data.settings().rotate(key, &token, &error)) {
        setProblem(error);
        return false;
    }
    refresh();
    return true;
}

void LiveFeedBox::setProblem(const QString &problem)
{
    m_problem->setText(problem);
    m_problem->setVisible(!problem.isEmpty());
}
