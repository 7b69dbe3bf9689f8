// Tests of CallBackDialog: it says whom it calls back, offers the staff and another phone, reads another
// phone the practice's way, remembers the phone chosen last, and makes the command a seat sends.
#include "calls/callbackdialog.h"
#include "desktop/uistate.h"

#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

const CallBackTarget MissedCall { u"CA100"_s, u"+15551230001"_s, u"Jane Doe"_s };
const QList<CallBackDialog::Person> Staff { { u"s1"_s, u"Dr Ann Lee"_s, u"+15557654321"_s },
    { u"s2"_s, u"Bob Hall"_s, u"+15557654322"_s } };

} // namespace

class tst_CallBackDialog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void saysWhomItCallsBack();
    void aStaffMemberRingsFirst();
    void anotherPhoneIsReadThePracticesWay();
    void withoutStaffAnotherPhoneIsTheChoice();
    void aNumberIsCalledBackWhenNoCallNamesThem();
    void remembersTheLastChoice();
    void grab();

private:
    QTemporaryDir m_dir;
};

void tst_CallBackDialog::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_dir.isValid());
}

void tst_CallBackDialog::saysWhomItCallsBack()
{
    CallBackDialog dialog(MissedCall, Staff, u"US"_s);
    QCOMPARE(dialog.findChild<QLabel *>(u"whom"_s)->text(), u"Call back Jane Doe, (555) 123-0001"_s);
    QCOMPARE(dialog.callBackButton()->text(), u"Call back"_s);
    const auto *box = dialog.findChild<QComboBox *>();
    QCOMPARE(box->count(), 2);
    QCOMPARE(box->itemText(0), u"Dr Ann Lee — (555) 765-4321"_s);
}

void tst_CallBackDialog::aStaffMemberRingsFirst()
{
    CallBackDialog dialog(MissedCall, Staff, u"US"_s);
    // The first staff member, when nothing was chosen before.
    QCOMPARE(dialog.staffId(), u"s1"_s);
    dialog.chooseStaff(u"s2"_s);
    QCOMPARE(dialog.staffId(), u"s2"_s);
    QVERIFY(dialog.problem().isEmpty());
    QVERIFY(dialog.callBackButton()->isEnabled());
    QCOMPARE(dialog.explanation(),
        u"Bob Hall's phone rings first; press 1 to be connected to Jane Doe. They see the practice's number."_s);
    const FeedCommand command = dialog.command(u"id1"_s, u"Front desk"_s);
    QCOMPARE(command.action, FeedCommand::Action::CallBack);
    QCOMPARE(command.id, u"id1"_s);
    QCOMPARE(command.callSid, u"CA100"_s);
    QVERIFY(command.number.isEmpty());
    QCOMPARE(command.targetKind, FeedCommand::TargetKind::Staff);
    QCOMPARE(command.target, u"s2"_s);
    QCOMPARE(command.seat, u"Front desk"_s);
}

void tst_CallBackDialog::anotherPhoneIsReadThePracticesWay()
{
    CallBackDialog dialog(MissedCall, Staff, u"US"_s);
    auto *edit = dialog.findChild<QLineEdit *>();
    // Typing in the field picks "Another phone".
    QTest::keyClicks(edit, u"555 12"_s);
    QVERIFY(dialog.findChildren<QRadioButton *>().at(1)->isChecked());
    QVERIFY(dialog.staffId().isEmpty());
    QVERIFY(!dialog.problem().isEmpty());
    QVERIFY(!dialog.callBackButton()->isEnabled());
    edit->clear();
    QTest::keyClicks(edit, u"(555) 888-0100"_s);
    QVERIFY2(dialog.problem().isEmpty(), qPrintable(dialog.problem()));
    QCOMPARE(dialog.otherPhone(), u"+15558880100"_s);
    QVERIFY(dialog.callBackButton()->isEnabled());
    QCOMPARE(dialog.explanation(),
        u"Your phone rings first; press 1 to be connected to Jane Doe. They see the practice's number."_s);
    const FeedCommand command = dialog.command(u"id2"_s, u"Front desk"_s);
    QCOMPARE(command.targetKind, FeedCommand::TargetKind::Number);
    QCOMPARE(command.target, u"+15558880100"_s);
    // An empty field is a problem too, but not shown as an error before anything was typed.
    edit->clear();
    QVERIFY(!dialog.problem().isEmpty());
    QVERIFY(!dialog.callBackButton()->isEnabled());
}

void tst_CallBackDialog::withoutStaffAnotherPhoneIsTheChoice()
{
    CallBackDialog dialog(MissedCall, {}, u"US"_s);
    QVERIFY(!dialog.findChildren<QRadioButton *>().at(0)->isEnabled());
    QVERIFY(dialog.findChildren<QRadioButton *>().at(1)->isChecked());
    QVERIFY(!dialog.callBackButton()->isEnabled());
    dialog.chooseStaff(u"s1"_s);
    QVERIFY(dialog.staffId().isEmpty());
}

void tst_CallBackDialog::aNumberIsCalledBackWhenNoCallNamesThem()
{
    CallBackDialog dialog(CallBackTarget { {}, u"+442079460000"_s, {} }, Staff, u"GB"_s);
    QCOMPARE(dialog.findChild<QLabel *>(u"whom"_s)->text(), u"Call back 020 7946 0000"_s);
    QVERIFY(dialog.explanation().contains(u"connected to 020 7946 0000"_s));
    const FeedCommand command = dialog.command(u"id3"_s, u"Seat"_s);
    QVERIFY(command.callSid.isEmpty());
    QCOMPARE(command.number, u"+442079460000"_s);
}

void tst_CallBackDialog::remembersTheLastChoice()
{
    UiState state(m_dir.path());
    state.setCallBackPhone({});
    {
        CallBackDialog dialog(MissedCall, Staff, u"US"_s, &state);
        dialog.chooseStaff(u"s2"_s);
        dialog.accept();
    }
    QCOMPARE(state.callBackPhone().staffId, u"s2"_s);
    {
        CallBackDialog dialog(MissedCall, Staff, u"US"_s, &state);
        QCOMPARE(dialog.staffId(), u"s2"_s);
        dialog.chooseOtherPhone(u"555-888-0100"_s);
        dialog.accept();
    }
    QCOMPARE(state.callBackPhone().number, u"+15558880100"_s);
    {
        CallBackDialog dialog(MissedCall, Staff, u"US"_s, &state);
        QCOMPARE(dialog.otherPhone(), u"+15558880100"_s);
        // Cancelled: nothing is remembered.
        dialog.chooseStaff(u"s1"_s);
        dialog.reject();
    }
    QCOMPARE(state.callBackPhone().number, u"+15558880100"_s);
    // A staff member no longer listed: the first one is offered.
    state.setCallBackPhone({ u"gone"_s, {} });
    CallBackDialog dialog(MissedCall, Staff, u"US"_s, &state);
    QCOMPARE(dialog.staffId(), u"s1"_s);
}

void tst_CallBackDialog::grab()
{
    CallBackDialog dialog(MissedCall, Staff, u"US"_s);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    const QString path = qEnvironmentVariable("SWITCHBOARD_GRAB_DIR");
    if (!path.isEmpty()) {
        dialog.grab().save(path + u"/callbackdialog.png"_s);
        dialog.chooseOtherPhone(u"555 12"_s);
        dialog.grab().save(path + u"/callbackdialog-other.png"_s);
    }
}

QTEST_MAIN(tst_CallBackDialog)
#include "tst_callbackdialog.moc"
