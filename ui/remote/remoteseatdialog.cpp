// "Connect to another Switchboard": where, with which token, and as whom.
#include "remoteseatdialog.h"

#include "feed/certificatefingerprint.h"
#include "feed/feedaddress.h"
#include "feed/feedclient.h"
#include "look/growtofit.h"
#include "look/statuscolours.h"
#include "remoteseatmemory.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSysInfo>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace {

QLabel *problemLabel(QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setStyleSheet(StatusColours::textStyle(StatusColours::Status::Bad));
    label->setWordWrap(true);
    label->setTextFormat(Qt::PlainText);
    label->hide();
    return label;
}

// A field with the lines under it (its problem, a note) in one column: a hidden line takes no room, where
// a row of its own in the form would still leave a gap.
QWidget *withNotes(QLineEdit *field, std::initializer_list<QLabel *> notes)
{
    auto *column = new QWidget(field->parentWidget());
    auto *layout = new QVBoxLayout(column);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(field);
    for (QLabel *note : notes)
        layout->addWidget(note);
    return column;
}

} // namespace

RemoteSeatDialog::RemoteSeatDialog(RemoteSeatMemory &memory, QWidget *parent)
    : QDialog(parent)
    , m_memory(memory)
    , m_address(new QLineEdit(this))
    , m_addressProblem(problemLabel(this))
    , m_token(new QLineEdit(this))
    , m_tokenProblem(problemLabel(this))
    , m_seatName(new QLineEdit(this))
    , m_seatNameProblem(problemLabel(this))
    , m_trust(new QLabel(this))
    , m_memoryProblem(problemLabel(this))
    , m_forget(new QPushButton(tr("&Forget"), this))
{
    GrowToFit::keep(this);
    setWindowTitle(tr("Connect to another Switchboard"));
    m_address->setObjectName(u"address"_s);
    m_token->setObjectName(u"token"_s);
    m_seatName->setObjectName(u"seatName"_s);
    m_trust->setObjectName(u"trustedCertificate"_s);
    m_forget->setObjectName(u"forget"_s);
    m_memoryProblem->setObjectName(u"memoryProblem"_s);

    auto *intro
        = new QLabel(tr("Watch the calls of the Switchboard on another computer from here. Its Setup "
                        "panel shows, under \"Other seats\", the seat address and two tokens: the token "
                        "to watch, or the token to act for a seat that may also act on calls."),
            this);
    intro->setWordWrap(true);
    m_address->setPlaceholderText(tr("192.168.1.20:8081"));
    m_token->setEchoMode(QLineEdit::Password);
    m_seatName->setPlaceholderText(tr("Reception 2"));
    m_seatName->setToolTip(
        tr("The other Switchboard writes this name on a call's timeline when this seat acts "
           "on it."));
    m_trust->setWordWrap(true);
    m_trust->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_trust->setForegroundRole(QPalette::PlaceholderText);

    auto *form = new QFormLayout;
    form->addRow(tr("&Address:"), withNotes(m_address, { m_addressProblem, m_trust }));
    form->addRow(tr("&Token:"), withNotes(m_token, { m_tokenProblem }));
    form->addRow(tr("&This seat's name:"), withNotes(m_seatName, { m_seatNameProblem }));
    // The labels' mnemonics reach the fields inside the columns.
    for (QLineEdit *field : { m_address, m_token, m_seatName }) {
        if (auto *label = qobject_cast<QLabel *>(form->labelForField(field->parentWidget())))
            label->setBuddy(field);
    }

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    QPushButton *connectButton = buttons->addButton(tr("&Connect"), QDialogButtonBox::AcceptRole);
    connectButton->setDefault(true);
    buttons->addButton(m_forget, QDialogButtonBox::ResetRole);
    m_forget->setToolTip(tr("Remove the address, the token and the seat's name from this computer."));

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(form);
    layout->addWidget(m_memoryProblem);
    layout->addWidget(buttons);
    setMinimumWidth(520);

    connect(buttons, &QDialogButtonBox::accepted, this, &RemoteSeatDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &RemoteSeatDialog::reject);
    connect(m_forget, &QPushButton::clicked, this, &RemoteSeatDialog::forget);
    // Marked when left; once marked, checked again as it is corrected.
    connect(m_address, &QLineEdit::editingFinished, this, [this] { checkAddress(true); });
    connect(m_address, &QLineEdit::textEdited, this, [this] {
        checkAddress(!m_addressProblem->isHidden());
        showTrust();
    });
    connect(m_token, &QLineEdit::editingFinished, this, [this] { checkToken(true); });
    connect(m_token, &QLineEdit::textEdited, this, [this] { checkToken(!m_tokenProblem->isHidden()); });
    connect(
        m_seatName, &QLineEdit::textEdited, this, [this] { checkSeatName(!m_seatNameProblem->isHidden()); });

    QString problem;
    m_remembered = m_memory.recall(&problem);
    m_address->setText(m_remembered.address);
    m_token->setText(m_remembered.token);
    // By default the seat goes by this computer's name, which the other end's staff will recognise.
    m_seatName->setText(
        m_remembered.seatName.isEmpty() ? QSysInfo::machineHostName() : m_remembered.seatName);
    m_memoryProblem->setText(problem);
    m_memoryProblem->setVisible(!problem.isEmpty());
    m_forget->setEnabled(!m_memory.isEmpty());
    showTrust();
    // Straight to what is still missing.
    if (m_address->text().isEmpty())
        m_address->setFocus();
    else if (m_token->text().isEmpty())
        m_token->setFocus();
}

RemoteSeatSettings RemoteSeatDialog::settings() const
{
    RemoteSeatSettings settings;
    settings.address = m_address->text().trimmed();
    settings.token = m_token->text().trimmed();
    settings.seatName = m_seatName->text().simplified();
    if (settings.address == m_remembered.address)
        settings.trustedCertificate = m_remembered.trustedCertificate;
    return settings;
}

void RemoteSeatDialog::showTrust()
{
    const bool trusted
        = !m_remembered.trustedCertificate.isEmpty() && m_address->text().trimmed() == m_remembered.address;
    const QString fingerprint = CertificateFingerprint::text(m_remembered.trustedCertificate);
    // The start and end are enough to recognise it here; the whole is in the tooltip.
    m_trust->setText(trusted ? tr("Its certificate is trusted (SHA-256 %1…%2).")
                                   .arg(fingerprint.left(11), fingerprint.right(11))
                             : QString());
    m_trust->setToolTip(trusted ? fingerprint : QString());
    m_trust->setVisible(trusted);
}

bool RemoteSeatDialog::check(QLineEdit *field, QLabel *problem, const QString &why, bool mark)
{
    if (mark) {
        field->setStyleSheet(why.isEmpty()
                ? QString()
                : StatusColours::frameStyle(StatusColours::Status::Bad, u"QLineEdit"_s));
        problem->setText(why);
        problem->setVisible(!why.isEmpty());
    }
    return why.isEmpty();
}

bool RemoteSeatDialog::checkAddress(bool mark)
{
    QString why;
    FeedAddress::fromTyped(m_address->text(), &why);
    return check(m_address, m_addressProblem, why, mark);
}

bool RemoteSeatDialog::checkToken(bool mark)
{
    QString why;
    FeedClient::readToken(m_token->text(), &why);
    return check(m_token, m_tokenProblem, why, mark);
}

bool RemoteSeatDialog::checkSeatName(bool mark)
{
    const QString why = m_seatName->text().simplified().isEmpty()
        ? tr("Give this seat a name, such as \"Reception 2\": the other Switchboard shows it when this seat "
             "acts on a call.")
        : QString();
    return check(m_seatName, m_seatNameProblem, why, mark);
}

QString RemoteSeatDialog::addressProblem() const
{
    return m_addressProblem->isHidden() ? QString() : m_addressProblem->text();
}

QString RemoteSeatDialog::tokenProblem() const
{
    return m_tokenProblem->isHidden() ? QString() : m_tokenProblem->text();
}

QString RemoteSeatDialog::seatNameProblem() const
{
    return m_seatNameProblem->isHidden() ? QString() : m_seatNameProblem->text();
}

bool RemoteSeatDialog::validate()
{
    // Every field is marked, not just the first at fault.
    const bool address = checkAddress(true);
    const bool token = checkToken(true);
    const bool seatName = checkSeatName(true);
    return address && token && seatName;
}

void RemoteSeatDialog::accept()
{
    if (!validate())
        return;
    QString error;
    if (!m_memory.remember(settings(), &error)) {
        m_memoryProblem->setText(error);
        m_memoryProblem->show();
        return;
    }
    QDialog::accept();
}

void RemoteSeatDialog::forget()
{
    m_memory.forget();
    m_remembered = {};
    m_address->clear();
    m_token->clear();
    m_seatName->setText(QSysInfo::machineHostName());
    for (QLineEdit *field : { m_address, m_token, m_seatName })
        field->setStyleSheet({});
    for (QLabel *problem : { m_addressProblem, m_tokenProblem, m_seatNameProblem, m_memoryProblem })
        problem->hide();
    showTrust();
    m_forget->setEnabled(false);
    m_address->setFocus();
}
