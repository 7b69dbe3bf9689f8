// The Routing panel offscreen, on the sample practice's plan: editing rules, conditions and
// actions (nested menu keys and "otherwise" included), caller lists, messages, saving only a plan
// without faults, and Test a call on the plan as edited.
#include "datadir/datadirectory.h"
#include "look/statuscolours.h"
#include "plan/actiondialog.h"
#include "plan/actioneditor.h"
#include "plan/callerlistseditor.h"
#include "plan/messageeditor.h"
#include "plan/plandraft.h"
#include "plan/plansavebar.h"
#include "plan/routingoptionseditor.h"
#include "plan/routingpanel.h"
#include "plan/ruleseditor.h"
#include "plan/testcallpanel.h"
#include "routing/routingplanloader.h"
#include "settings/settings.h"
#include "shell/sampledata.h"
#include "storage/customerstore.h"
#include "tempdatadir.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTableWidget>
#include <QTest>
#include <QTimer>

#include <functional>
#include <memory>

using namespace Qt::StringLiterals;

namespace {

// Runs `answer` on the modal window that the next call opens, once it is open.
void whenModalOpens(QObject *context, std::function<void(QWidget *)> answer)
{
    QTimer::singleShot(0, context, [answer = std::move(answer)] {
        if (QWidget *modal = QApplication::activeModalWidget())
            answer(modal);
    });
}

// The editor of the action a dialog one level down shows (not those of the levels below it).
ActionEditor *editorIn(ActionDialog *dialog)
{
    return dialog->findChild<ActionEditor *>(QString(), Qt::FindDirectChildrenOnly);
}

void clickButton(QWidget *messageBox, QMessageBox::StandardButton which)
{
    if (auto *box = qobject_cast<QMessageBox *>(messageBox))
        box->button(which)->click();
}

void chooseData(QComboBox *box, const QVariant &data)
{
    const int index = box->findData(data);
    QVERIFY2(index >= 0, qPrintable(data.toString()));
    box->setCurrentIndex(index);
    Q_EMIT box->activated(index);
}

void typeInto(QLineEdit *field, const QString &text)
{
    field->setFocus();
    field->selectAll();
    QTest::keyClicks(field, text);
}

QStringList visibleErrors(QWidget *root)
{
    QStringList errors;
    for (QLabel *label : root->findChildren<QLabel *>()) {
        if (label->inherits("FieldError") && label->isVisible())
            errors.append(label->text());
    }
    return errors;
}

} // namespace

class TestRoutingPanel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void listsTheRulesInOrder();
    void addingAndMovingRules();
    void aBadNumberIsShownAtItsFieldAndBlocksSaving();
    void conditionsAreSaved();
    void menuKeysOpenTheirOwnEditor();
    void cancelingANewKeyLeavesNoKey();
    void otherwiseCanBeChosenAndUndone();
    void callerListsByLine();
    void renamingAListFollowsItsRules();
    void aListInUseIsNotRemoved();
    void messagesAndOptions();
    void testACallFollowsTheUnsavedPlan();
    void testACallRefusesAPlanWithFaults();

private:
    RoutingModel storedPlan();

    std::unique_ptr<TempDataDir> m_dir;
    std::unique_ptr<DataDirectory> m_data;
    std::unique_ptr<PlanDraft> m_draft;
    std::unique_ptr<RoutingPanel> m_panel;
};

void TestRoutingPanel::init()
{
    qputenv("SWITCHBOARD_KEYCHAIN", "0");
    // Lists of conditions are joined the locale's way; the tests read them in one known locale.
    QLocale::setDefault(QLocale::c());
    m_dir = std::make_unique<TempDataDir>();
    m_data = std::make_unique<DataDirectory>(m_dir->path());
    QString error;
    QVERIFY2(m_data->open(&error), qPrintable(error));
    QVERIFY2(SampleData::fill(*m_data, &error, false), qPrintable(error));
    Customer maria;
    maria.name = u"Maria Lopez"_s;
    maria.phoneRaw = u"(555) 123-0001"_s;
    maria.phoneE164 = u"+15551230001"_s;
    QVERIFY(CustomerStore(m_data->database()).insert(maria));
    m_draft = std::make_unique<PlanDraft>(m_data->database(), m_data->settings());
    m_panel = std::make_unique<RoutingPanel>(*m_draft, m_data->database(), m_data->settings());
    m_panel->resize(1100, 760);
    m_panel->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_panel.get()));
}

void TestRoutingPanel::cleanup()
{
    m_panel.reset();
    m_draft.reset();
    m_data.reset();
    m_dir.reset();
}

RoutingModel TestRoutingPanel::storedPlan()
{
    const Result<RoutingModel> plan = RoutingPlanLoader(m_data->database(), u"US"_s, QString()).load();
    return plan ? plan.value() : RoutingModel();
}

void TestRoutingPanel::listsTheRulesInOrder()
{
    QTableWidget *rules = m_panel->rulesEditor()->rulesTable();
    QCOMPARE(rules->rowCount(), 3);
    QCOMPARE(rules->item(0, 0)->text(), u"1. Booked patients"_s);
    QCOMPARE(rules->item(0, 1)->text(), u"Has a booking"_s);
    QCOMPARE(rules->item(0, 2)->text(), u"Hand to the AI agent; if nobody answers: Ring team Front desk"_s);
    QCOMPARE(rules->item(1, 1)->text(), u"Outside \"Office hours\""_s);
    QCOMPARE(rules->item(2, 1)->text(), u"Always"_s);
    // The first rule is open in the form.
    QCOMPARE(m_panel->rulesEditor()->nameField()->text(), u"Booked patients"_s);
    QCOMPARE(
        m_panel->rulesEditor()->actionEditor()->kindBox()->currentData().toInt(), int(ActionKind::AiAgent));
    QCOMPARE(m_panel->saveBar()->statusText(), u"Saved. Calls follow this plan."_s);
    QVERIFY(!m_panel->saveBar()->saveButton()->isEnabled());
}

void TestRoutingPanel::addingAndMovingRules()
{
    RulesEditor *editor = m_panel->rulesEditor();
    editor->selectRule(1);
    editor->addRule();
    // The new rule comes after the selected one, with its name ready to type over.
    QCOMPARE(editor->currentRule(), 2);
    QVERIFY(editor->nameField()->hasFocus());
    QTest::keyClicks(editor->nameField(), u"Suppliers"_s);
    QCOMPARE(editor->rulesTable()->item(2, 0)->text(), u"3. Suppliers"_s);
    QCOMPARE(editor->nameField()->text(), u"Suppliers"_s);
    QCOMPARE(editor->nameField()->cursorPosition(), 9);
    editor->moveRuleUp();
    editor->moveRuleUp();
    QCOMPARE(editor->currentRule(), 0);
    QCOMPARE(editor->rulesTable()->item(0, 0)->text(), u"1. Suppliers"_s);
    QVERIFY(m_panel->saveBar()->saveButton()->isEnabled());
    m_panel->saveBar()->saveButton()->click();
    const QList<Rule> saved = storedPlan().plans.first().rules;
    QCOMPARE(saved.size(), 4);
    QCOMPARE(saved.at(0).name, u"Suppliers"_s);
    QCOMPARE(saved.at(0).then.kind, ActionKind::Team);
    QCOMPARE(saved.at(1).name, u"Booked patients"_s);

    whenModalOpens(this, [](QWidget *box) { clickButton(box, QMessageBox::Yes); });
    editor->removeRule();
    QCOMPARE(editor->rulesTable()->rowCount(), 3);
    QCOMPARE(editor->rulesTable()->item(0, 0)->text(), u"1. Booked patients"_s);
}

void TestRoutingPanel::aBadNumberIsShownAtItsFieldAndBlocksSaving()
{
    RulesEditor *editor = m_panel->rulesEditor();
    editor->selectRule(2);
    ActionEditor *action = editor->actionEditor();
    chooseData(action->kindBox(), int(ActionKind::Number));
    QVERIFY(action->numberField()->isVisible());
    QVERIFY(action->teamBox()->isHidden());
    typeInto(action->numberField(), u"555 12"_s);
    const QStringList errors = visibleErrors(action);
    QCOMPARE(errors.size(), 1);
    QVERIFY2(!errors.first().isEmpty(), "the error says what is wrong");
    QVERIFY(!m_panel->saveBar()->saveButton()->isEnabled());
    QVERIFY(m_panel->saveBar()->statusText().startsWith(u"1 problem"_s));
    QCOMPARE(editor->rulesTable()->item(2, 0)->foreground().color(),
        StatusColours::colour(StatusColours::Status::Bad, editor->rulesTable()->palette()));

    typeInto(action->numberField(), u"(555) 222-0000"_s);
    QVERIFY(visibleErrors(action).isEmpty());
    QVERIFY(m_panel->saveBar()->saveButton()->isEnabled());
    m_panel->saveBar()->saveButton()->click();
    const Action saved = storedPlan().plans.first().rules.at(2).then;
    QCOMPARE(saved.kind, ActionKind::Number);
    QCOMPARE(saved.number, u"+15552220000"_s);
}

void TestRoutingPanel::conditionsAreSaved()
{
    m_draft->edit([](RoutingModel &model) { model.lists.insert(u"vip"_s, CallerList({ u"+44"_s })); });
    RulesEditor *editor = m_panel->rulesEditor();
    editor->selectRule(2);
    chooseData(editor->callerInBox(), u"vip"_s);
    chooseData(editor->insideBox(), u"office"_s);
    chooseData(editor->bookingBox(), 2); // without an active booking
    typeInto(editor->calledField(), u"+15557654321"_s);
    QCOMPARE(editor->rulesTable()->item(2, 1)->text(),
        u"Has no booking, caller on list \"vip\", during \"Office hours\", calls to (555) 765-4321"_s);
    QVERIFY(m_draft->save());
    const Condition saved = storedPlan().plans.first().rules.at(2).when;
    QCOMPARE(saved.hasBooking, std::optional<bool>(false));
    QCOMPARE(saved.callerIn, u"vip"_s);
    QCOMPARE(saved.inside, u"office"_s);
    QCOMPARE(saved.called, QStringList { u"+15557654321"_s });
    // Saved in E.164, shown again the way the practice writes it.
    editor->selectRule(0);
    editor->selectRule(2);
    QCOMPARE(editor->calledField()->text(), u"(555) 765-4321"_s);
}

void TestRoutingPanel::menuKeysOpenTheirOwnEditor()
{
    RulesEditor *editor = m_panel->rulesEditor();
    editor->selectRule(2);
    ActionEditor *action = editor->actionEditor();
    chooseData(action->kindBox(), int(ActionKind::Menu));
    // A new menu starts with key 1 ringing the first team, and needs only its prompt.
    QCOMPARE(action->optionsTable()->rowCount(), 1);
    QCOMPARE(action->optionsTable()->item(0, 1)->text(), u"Ring team Front desk"_s);
    QVERIFY(!m_panel->saveBar()->saveButton()->isEnabled());
    typeInto(action->messageEditor()->textField(), u"For appointments press 1. For Dr. Diaz press 2."_s);
    QVERIFY(m_panel->saveBar()->saveButton()->isEnabled());

    // Key 2 rings Carol; in its own editor, one level down.
    bool sawDialog = false;
    whenModalOpens(this, [&](QWidget *modal) {
        auto *dialog = qobject_cast<ActionDialog *>(modal);
        if (!dialog)
            return;
        sawDialog = dialog->windowTitle() == u"Key 2"_s;
        chooseData(editorIn(dialog)->kindBox(), int(ActionKind::Staff));
        chooseData(editorIn(dialog)->staffBox(), u"carol"_s);
        dialog->accept();
    });
    action->addOption();
    QVERIFY(sawDialog);
    QCOMPARE(action->optionsTable()->rowCount(), 2);
    QCOMPARE(action->optionsTable()->item(1, 0)->text(), u"2"_s);
    QCOMPARE(action->optionsTable()->item(1, 1)->text(), u"Ring Dr. Carol Diaz"_s);
    QVERIFY(m_draft->save());
    const Action saved = storedPlan().plans.first().rules.at(2).then;
    QCOMPARE(saved.kind, ActionKind::Menu);
    QCOMPARE(saved.message.say, u"For appointments press 1. For Dr. Diaz press 2."_s);
    QCOMPARE(saved.options.size(), 2);
    QCOMPARE(saved.options.at(1).digit, u'2');
    QCOMPARE(saved.options.at(1).action->kind, ActionKind::Staff);
    QCOMPARE(saved.options.at(1).action->staff, u"carol"_s);
}

void TestRoutingPanel::cancelingANewKeyLeavesNoKey()
{
    RulesEditor *editor = m_panel->rulesEditor();
    editor->selectRule(2);
    ActionEditor *action = editor->actionEditor();
    chooseData(action->kindBox(), int(ActionKind::Menu));
    typeInto(action->messageEditor()->textField(), u"Press 1."_s);
    whenModalOpens(this, [](QWidget *modal) {
        if (auto *dialog = qobject_cast<ActionDialog *>(modal)) {
            chooseData(editorIn(dialog)->kindBox(), int(ActionKind::Reject));
            dialog->reject();
        }
    });
    action->addOption();
    QCOMPARE(action->optionsTable()->rowCount(), 1);
    QCOMPARE(m_draft->model().plans.first().rules.at(2).then.options.size(), 1);

    // Canceling an existing key's editor puts the key back as it was.
    action->optionsTable()->selectRow(0);
    whenModalOpens(this, [](QWidget *modal) {
        if (auto *dialog = qobject_cast<ActionDialog *>(modal)) {
            chooseData(editorIn(dialog)->kindBox(), int(ActionKind::Reject));
            dialog->reject();
        }
    });
    action->editOption();
    QCOMPARE(m_draft->model().plans.first().rules.at(2).then.options.first().action->kind, ActionKind::Team);
}

void TestRoutingPanel::otherwiseCanBeChosenAndUndone()
{
    RulesEditor *editor = m_panel->rulesEditor();
    editor->selectRule(2); // Everyone else: ring team Front desk
    ActionEditor *action = editor->actionEditor();
    QCOMPARE(action->otherwiseBox()->currentIndex(), 0);
    whenModalOpens(this, [](QWidget *modal) {
        if (auto *dialog = qobject_cast<ActionDialog *>(modal)) {
            chooseData(editorIn(dialog)->kindBox(), int(ActionKind::Number));
            typeInto(editorIn(dialog)->numberField(), u"+1 555 000 7777"_s);
            dialog->accept();
        }
    });
    action->otherwiseBox()->setCurrentIndex(1);
    Q_EMIT action->otherwiseBox()->activated(1);
    QCOMPARE(action->otherwiseSummary()->text(), u"Ring (555) 000-7777"_s);
    QCOMPARE(editor->rulesTable()->item(2, 2)->text(),
        u"Ring team Front desk; if nobody answers: Ring (555) 000-7777"_s);
    QVERIFY(m_draft->save());
    QCOMPARE(storedPlan().plans.first().rules.at(2).then.otherwise->number, u"+15550007777"_s);

    // Back to the usual order: the fallback number, then voicemail or the closing message.
    action->otherwiseBox()->setCurrentIndex(0);
    Q_EMIT action->otherwiseBox()->activated(0);
    QVERIFY(!m_draft->model().plans.first().rules.at(2).then.otherwise);
}

void TestRoutingPanel::callerListsByLine()
{
    CallerListsEditor *lists = m_panel->listsEditor();
    m_panel->tabs()->setCurrentWidget(lists);
    lists->selectBlockList();
    lists->entriesField()->setFocus();
    lists->entriesField()->insertPlainText(u"+1900\n\nnot a number\n(555) 000-1234"_s);
    // The fault is on the third line as typed (blank lines are spacing).
    const QStringList errors = visibleErrors(lists);
    QCOMPARE(errors.size(), 1);
    QVERIFY2(errors.first().startsWith(u"Line 3: "_s), qPrintable(errors.first()));
    QVERIFY(!m_panel->saveBar()->saveButton()->isEnabled());
    // Typing goes on where it was: the text is not rewritten under the cursor.
    QCOMPARE(lists->entriesField()->toPlainText(), u"+1900\n\nnot a number\n(555) 000-1234"_s);

    QTextCursor cursor = lists->entriesField()->textCursor();
    cursor.movePosition(QTextCursor::Start);
    cursor.movePosition(QTextCursor::Down, QTextCursor::MoveAnchor, 2);
    cursor.select(QTextCursor::LineUnderCursor);
    cursor.removeSelectedText();
    lists->entriesField()->setTextCursor(cursor);
    QVERIFY(visibleErrors(lists).isEmpty());
    QVERIFY(m_draft->save());
    QCOMPARE(storedPlan().block.entries(), QStringList({ u"+1900"_s, u"+15550001234"_s }));
    QCOMPARE(lists->listsView()->item(0)->text(), u"Blocked callers (2)"_s);
    // Read again, whole numbers are shown the way the practice writes them; a prefix stays a prefix.
    lists->selectAllowList();
    lists->selectBlockList();
    QCOMPARE(lists->entriesField()->toPlainText(), u"+1900\n(555) 000-1234"_s);
}

void TestRoutingPanel::renamingAListFollowsItsRules()
{
    CallerListsEditor *lists = m_panel->listsEditor();
    whenModalOpens(this, [](QWidget *modal) {
        if (auto *dialog = qobject_cast<QInputDialog *>(modal)) {
            dialog->setTextValue(u"vip"_s);
            dialog->accept();
        }
    });
    lists->addList();
    QTest::keyClicks(lists->entriesField(), u"+44"_s);
    RulesEditor *rules = m_panel->rulesEditor();
    rules->selectRule(2);
    chooseData(rules->callerInBox(), u"vip"_s);

    lists->selectList(u"vip"_s);
    whenModalOpens(this, [](QWidget *modal) {
        if (auto *dialog = qobject_cast<QInputDialog *>(modal)) {
            dialog->setTextValue(u"friends"_s);
            dialog->accept();
        }
    });
    lists->renameList();
    QVERIFY(m_draft->errors().isEmpty());
    QCOMPARE(m_draft->model().plans.first().rules.at(2).when.callerIn, u"friends"_s);
    QCOMPARE(m_draft->model().lists.value(u"friends"_s).entries(), QStringList { u"+44"_s });
    QVERIFY(!m_draft->model().lists.contains(u"vip"_s));
    QCOMPARE(rules->callerInBox()->currentData().toString(), u"friends"_s);
}

void TestRoutingPanel::aListInUseIsNotRemoved()
{
    m_draft->edit([](RoutingModel &model) {
        model.lists.insert(u"vip"_s, CallerList({ u"+44"_s }));
        model.plans.first().rules[2].when.callerIn = u"vip"_s;
    });
    CallerListsEditor *lists = m_panel->listsEditor();
    lists->selectList(u"vip"_s);
    QString told;
    whenModalOpens(this, [&](QWidget *modal) {
        if (auto *box = qobject_cast<QMessageBox *>(modal)) {
            told = box->text();
            box->accept();
        }
    });
    lists->removeList();
    QVERIFY2(told.contains(u"rule \"Everyone else\""_s), qPrintable(told));
    QVERIFY(m_draft->model().lists.contains(u"vip"_s));
}

void TestRoutingPanel::messagesAndOptions()
{
    RoutingOptionsEditor *options = m_panel->optionsEditor();
    QCOMPARE(options->welcomeEditor()->textField()->text(), u"Thanks for calling Bright Smile Dental."_s);
    typeInto(options->closingEditor()->textField(), u"Sorry, we are all busy. Please call again."_s);
    options->acceptRequiredBox()->setChecked(false);
    QVERIFY(!options->acceptPromptEditor()->isEnabled());
    options->voicemailOnNoAnswerBox()->setChecked(false);
    QVERIFY(m_draft->save());
    const RoutingModel saved = storedPlan();
    QCOMPARE(saved.messages.closing.say, u"Sorry, we are all busy. Please call again."_s);
    QVERIFY(!saved.accept.required);
    QVERIFY(!saved.voicemail.onNoAnswer);
    QCOMPARE(saved.messages.welcome.say, u"Thanks for calling Bright Smile Dental."_s);
}

void TestRoutingPanel::testACallFollowsTheUnsavedPlan()
{
    TestCallPanel *test = m_panel->testCall();
    m_panel->tabs()->setCurrentWidget(test);
    test->fromField()->setText(u"(555) 123-0001"_s);
    test->nowBox()->setChecked(false);
    // A Tuesday at 10:00 in the plan's zone: the office is open.
    test->whenField()->setDate(QDate(2026, 11, 24));
    test->whenField()->setTime(QTime(10, 0));
    test->run();
    QVERIFY2(
        test->summaryLabel()->text().contains(u"Maria Lopez"_s), qPrintable(test->summaryLabel()->text()));
    QVERIFY2(
        test->summaryLabel()->text().contains(u"Everyone else"_s), qPrintable(test->summaryLabel()->text()));
    QCOMPARE(test->dialTable()->rowCount(), 4); // Alice and Bob, Carol, the fallback number
    // Numbers as the practice writes them, not in E.164.
    QVERIFY2(test->summaryLabel()->text().contains(u"(555) 123-0001"_s), qPrintable(test->summaryLabel()->text()));
    for (int row = 0; row < test->dialTable()->rowCount(); ++row)
        QVERIFY2(test->dialTable()->item(row, 2)->text().startsWith(u'('), qPrintable(test->dialTable()->item(row, 2)->text()));
    QVERIFY(test->stepsTable()->rowCount() > 3);
    // The same plain step names as the call log.
    QCOMPARE(test->stepsTable()->item(0, 0)->text(), u"Call received"_s);

    // Blocking Maria here, without saving, turns her test call away; the saved plan is unchanged.
    m_draft->edit([](RoutingModel &model) { model.block = CallerList({ u"+15551230001"_s }); });
    test->run();
    QVERIFY2(
        test->summaryLabel()->text().contains(u"Turned away"_s), qPrintable(test->summaryLabel()->text()));
    QCOMPARE(test->dialTable()->rowCount(), 0);
    QVERIFY(storedPlan().block.isEmpty());
    // The last step's whole sentence is shown when it is chosen; its answer to Twilio only when asked for.
    test->stepsTable()->selectRow(test->stepsTable()->rowCount() - 1);
    const QString sentence = test->stepsTable()->item(test->stepsTable()->rowCount() - 1, 1)->text();
    QCOMPARE(test->twimlView()->toPlainText(), sentence);
    QVERIFY(!test->showTwimlBox()->isChecked());
    test->showTwimlBox()->setChecked(true);
    QVERIFY2(test->twimlView()->toPlainText().startsWith(sentence + u"\n\n"_s),
        qPrintable(test->twimlView()->toPlainText()));
    QVERIFY2(test->twimlView()->toPlainText().contains(u"<Reject"_s),
        qPrintable(test->twimlView()->toPlainText()));
}

void TestRoutingPanel::testACallRefusesAPlanWithFaults()
{
    TestCallPanel *test = m_panel->testCall();
    test->fromField()->setText(u"+15551230001"_s);
    m_draft->edit([](RoutingModel &model) { model.plans.first().rules[2].then.team = u"nobody"_s; });
    test->run();
    QVERIFY2(test->summaryLabel()->text().contains(u"problems marked in red"_s),
        qPrintable(test->summaryLabel()->text()));
    QCOMPARE(test->stepsTable()->rowCount(), 0);
    // A caller that is not a number is named.
    m_draft->revert();
    test->fromField()->setText(u"hello"_s);
    test->run();
    QVERIFY2(test->summaryLabel()->text().contains(u"hello"_s), qPrintable(test->summaryLabel()->text()));
}

QTEST_MAIN(TestRoutingPanel)
#include "tst_routingpanel.moc"
