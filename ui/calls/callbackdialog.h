// "Call back…": says whom the call-back calls, asks whose phone rings first (a staff member, or another
// phone typed in), and makes the command a seat sends (FeedCommand::callBack). The chosen phone rings
// first; when its owner presses 1 the customer is dialled from the business number.
#pragma once

#include "feed/feedmessage.h"
#include "storage/callrecords.h"

#include <QDialog>
#include <QList>
#include <QString>

#include <optional>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QRadioButton;
class UiState;

// Whom a call-back calls: one of their calls (a missed one, usually) or, when no call names them, their number.
struct CallBackTarget
{
    QString callSid; // a past call of theirs; empty when only the number is known
    QString number;  // E.164: what is shown, and what is dialled when no call names them
    QString name;    // the customer's name; empty when unknown

    // The customer of a call from the call log: its caller, or whom an outgoing call (a call-back) rang.
    // None when their number was withheld, or is not one that can be called.
    static std::optional<CallBackTarget> forCall(const CallListEntry &entry);
    bool operator==(const CallBackTarget &other) const = default;
};

class CallBackDialog : public QDialog
{
    Q_OBJECT

public:
    // A staff member whose phone may ring first.
    struct Person
    {
        QString id;
        QString name;
        QString phone; // E.164; empty when not known here (a remote seat is told names only)
    };

    // Numbers are shown, and another phone is read, the way `region` writes them. With `memory`, the dialog
    // offers the phone chosen last time and remembers the one chosen when the owner presses Call back.
    CallBackDialog(const CallBackTarget &target, const QList<Person> &staff, const QString &region,
                   UiState *memory = nullptr, QWidget *parent = nullptr);

    // The phone that rings first: a staff member's id, or another phone (E.164). Both empty while the other
    // phone is not a number that can be called.
    QString staffId() const;
    QString otherPhone() const;
    // Picks a staff member (when listed) or another phone, as the owner would.
    void chooseStaff(const QString &staffId);
    void chooseOtherPhone(const QString &written);
    // Why the call-back cannot start yet; empty when it can.
    QString problem() const;
    // The sentence under the choice: who rings first, and what the customer sees.
    QString explanation() const;
    QPushButton *callBackButton() const { return m_callBack; }

    // The command the seat sends, under `seat`'s name.
    FeedCommand command(const QString &id, const QString &seat) const;

    void accept() override;

private:
    void followChoice();
    QString shownCustomer() const;

    CallBackTarget m_target;
    QString m_region;
    UiState *m_memory;
    QRadioButton *m_staffChoice;
    QComboBox *m_staffBox;
    QRadioButton *m_otherChoice;
    QLineEdit *m_otherEdit;
    QLabel *m_otherProblem;
    QLabel *m_explanation;
    QPushButton *m_callBack;
};
