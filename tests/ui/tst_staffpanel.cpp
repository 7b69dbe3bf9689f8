// The Staff & schedules panel offscreen, over the sample practice's saved plan: adding a person with a
// bad number and fixing it, refusing to remove someone a team uses, a team's ring settings and tiers,
// weekly hours and closed days, renaming a schedule (spaces kept, its uses unchanged), the cursor kept while typing, Discard,
// the keyboard's way through the forms, and what an empty plan shows.
#include "datadir/datadirectory.h"
#include "plan/closeddateseditor.h"
#include "plan/plandraft.h"
#include "plan/plansavebar.h"
#include "plan/schedulestab.h"
#include "plan/staffpanel.h"
#include "plan/stafftab.h"
#include "plan/teamstab.h"
#include "plan/tiereditor.h"
#include "plan/timezonepicker.h"
#include "plan/weeklyhourseditor.h"
#include "routing/routingplanloader.h"
#include "settings/settings.h"
#include "shell/sampledata.h"
#include "tempdatadir.h"

#include <QAbstractButton>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QPushButton>
#include <QSpinBox>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableWidget>
#include <QTest>
#include <QTimeEdit>
#include <QTimer>
#include <QTreeWidget>

#include <memory>

using namespace Qt::StringLiterals;

class TestStaffPanel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void listsTheStaffAndShowsTheSelectedPerson();
    void aBadPhoneIsShownAtItsFieldUntilFixed();
    void someoneInATeamIsNotRemoved();
    void removingAsksFirst();
    void teamRingSettingsAndTiersAreSaved();
    void weeklyHoursAndClosedDaysAreSaved();
    void renamingAScheduleKeepsItsSpacesAndItsUses();
    void theTimeZoneIsPickedByCityAndSavedAsItsId();
    void typingKeepsTheCursorAndSelection();
    void discardRestoresTheSavedPlan();
    void tabGoesThroughTheFormsInOrder();
    void anEmptyPlanSaysWhatToDo();

private:
    RoutingModel storedPlan();
    void click(const QString &button);
    void click(QAbstractButton *button);
    template<typename T>
    T *child(const QString &name);
    QMessageBox *openedBox(const QString &name);

    std::unique_ptr<TempDataDir> m_dir;
    std::unique_ptr<DataDirectory> m_data;
    std::unique_ptr<PlanDraft> m_draft;
    std::unique_ptr<StaffPanel> m_panel;
};

void TestStaffPanel::initTestCase()
{
    qputenv("SWITCHBOARD_KEYCHAIN", "0");
    QStandardPaths::setTestModeEnabled(true);
}

void TestStaffPanel::init()
{
    m_dir = std::make_unique<TempDataDir>();
    m_data = std::make_unique<DataDirectory>(m_dir->path());
    QString error;
    QVERIFY2(m_data->open(&error), qPrintable(error));
    // The sample practice: Alice and Bob on "office" hours, Carol always on call, the team "front"
    // ([alice, bob], [carol]) and an "After hours" rule outside "office".
    QVERIFY2(SampleData::fill(*m_data, &error, false), qPrintable(error));
    m_draft = std::make_unique<PlanDraft>(m_data->database(), m_data->settings());
    m_panel = std::make_unique<StaffPanel>(*m_draft);
    m_panel->resize(1100, 700);
    m_panel->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_panel.get()));
}

void TestStaffPanel::cleanup()
{
    m_panel.reset();
    m_draft.reset();
    m_data.reset();
    m_dir.reset();
}

RoutingModel TestStaffPanel::storedPlan()
{
    const Result<RoutingModel> plan
        = RoutingPlanLoader(m_data->database(), u"US"_s, u"+15550009999"_s).load();
    if (!plan)
        qWarning() << plan.error();
    return plan ? plan.value() : RoutingModel();
}

template<typename T>
T *TestStaffPanel::child(const QString &name)
{
    T *found = m_panel->findChild<T *>(name);
    if (!found)
        qWarning() << "no" << name;
    return found;
}

void TestStaffPanel::click(const QString &button)
{
    auto *found = child<QAbstractButton>(button);
    QVERIFY2(found, qPrintable(button));
    QVERIFY2(found->isEnabled(), qPrintable(button));
    QTest::mouseClick(found, Qt::LeftButton);
}

void TestStaffPanel::click(QAbstractButton *button)
{
    QVERIFY(button->isEnabled());
    QTest::mouseClick(button, Qt::LeftButton);
}

QMessageBox *TestStaffPanel::openedBox(const QString &name)
{
    for (QMessageBox *box : m_panel->findChildren<QMessageBox *>(name)) {
        if (box->isVisible())
            return box;
    }
    return nullptr;
}

void TestStaffPanel::listsTheStaffAndShowsTheSelectedPerson()
{
    auto *table = child<QTableWidget>(u"staffTable"_s);
    QCOMPARE(table->rowCount(), 3);
    QCOMPARE(table->item(0, 0)->text(), u"Alice Ng"_s);
    QCOMPARE(table->item(0, 1)->text(), u"(555) 111-0001"_s); // as the practice writes its numbers
    QCOMPARE(table->item(0, 2)->text(), u"Office hours"_s);
    QCOMPARE(table->item(2, 2)->text(), u"Always"_s);
    QCOMPARE(table->currentRow(), 0);
    QCOMPARE(child<QLineEdit>(u"name"_s)->text(), u"Alice Ng"_s);

    table->selectRow(2);
    QCOMPARE(m_panel->staffTab()->currentRow(), 2);
    QCOMPARE(child<QLineEdit>(u"name"_s)->text(), u"Dr. Carol Diaz"_s);
    QCOMPARE(child<QComboBox>(u"schedule"_s)->currentText(), u"Always on call"_s);

    // Putting Carol on office hours is a change to save, shown in the list at once.
    auto *schedule = child<QComboBox>(u"schedule"_s);
    schedule->setCurrentIndex(schedule->findData(u"office"_s));
    QCOMPARE(m_draft->model().staff.at(2).schedule, u"office"_s);
    QCOMPARE(table->item(2, 2)->text(), u"Office hours"_s);
    QVERIFY(m_panel->saveBar()->saveButton()->isEnabled());
}

void TestStaffPanel::aBadPhoneIsShownAtItsFieldUntilFixed()
{
    click(u"addPerson"_s);
    StaffTab *tab = m_panel->staffTab();
    QCOMPARE(tab->currentRow(), 3);
    auto *name = child<QLineEdit>(u"name"_s);
    auto *phone = child<QLineEdit>(u"phone"_s);
    QVERIFY(name->text().isEmpty());
    QTest::keyClicks(name, u"Dana Fox"_s);
    QCOMPARE(m_draft->model().staff.at(3).name, u"Dana Fox"_s);
    QCOMPARE(m_draft->model().staff.at(3).id, u"dana-fox"_s); // made from the name, not shown

    QTest::keyClicks(phone, u"555-12ab"_s);
    auto *phoneFault = child<QLabel>(u"phoneFault"_s);
    QVERIFY(phoneFault->isVisible());
    QVERIFY2(phoneFault->text().contains(u"555-12ab"_s), qPrintable(phoneFault->text()));
    QVERIFY(phone->property("fault").toBool());
    QVERIFY(phone->styleSheet().contains(u"border"_s));
    QVERIFY(!m_panel->saveBar()->saveButton()->isEnabled());
    QVERIFY(m_panel->saveBar()->statusText().contains(u"1 problem"_s));
    auto *table = child<QTableWidget>(u"staffTable"_s);
    QVERIFY(!table->item(3, 0)->icon().isNull()); // the row is marked too
    QVERIFY(table->item(1, 0)->icon().isNull());

    // Fixed: the marks go, and saving stores the number in E.164.
    phone->clear();
    QTest::keyClicks(phone, u"(555) 222-3333"_s);
    QVERIFY(!phoneFault->isVisible());
    QVERIFY(!phone->property("fault").toBool());
    QVERIFY(table->item(3, 0)->icon().isNull());
    click(m_panel->saveBar()->saveButton());
    QVERIFY(!m_draft->isModified());
    const RoutingModel stored = storedPlan();
    QCOMPARE(stored.staff.size(), 4);
    QCOMPARE(stored.staff.at(3).id, u"dana-fox"_s);
    QCOMPARE(stored.staff.at(3).name, u"Dana Fox"_s);
    QCOMPARE(stored.staff.at(3).phone, u"+15552223333"_s);
    QCOMPARE(phone->text(), u"(555) 222-3333"_s); // shown the practice's way, stored in E.164
    QCOMPARE(tab->currentRow(), 3);

    // Saved, the id stays whatever the name becomes: bookings may name the person by it.
    name->setText(u"Dana Fox-Miller"_s);
    QCOMPARE(m_draft->model().staff.at(3).id, u"dana-fox"_s);
}

void TestStaffPanel::someoneInATeamIsNotRemoved()
{
    const RoutingModel before = m_draft->model();
    child<QTableWidget>(u"staffTable"_s)->selectRow(1); // Bob, in tier 1 of the front desk
    click(u"removePerson"_s);
    QMessageBox *box = openedBox(u"stillInUse"_s);
    QVERIFY(box);
    QVERIFY2(box->text().contains(u"Bob Ray"_s), qPrintable(box->text()));
    QVERIFY2(box->informativeText().contains(u"team \"Front desk\", tier 1"_s),
        qPrintable(box->informativeText()));
    QVERIFY(!openedBox(u"removeQuestion"_s)); // not even asked
    box->button(QMessageBox::Ok)->click();
    QTRY_VERIFY(!openedBox(u"stillInUse"_s));
    QCOMPARE(m_draft->model().staff, before.staff);
    QVERIFY(!m_draft->isModified());
}

void TestStaffPanel::removingAsksFirst()
{
    click(u"addPerson"_s);
    QTest::keyClicks(child<QLineEdit>(u"name"_s), u"Temp"_s);
    QCOMPARE(m_draft->model().staff.size(), 4);
    click(u"removePerson"_s);
    QMessageBox *box = openedBox(u"removeQuestion"_s);
    QVERIFY(box);
    QCOMPARE(box->text(), u"Remove Temp?"_s);
    // "Keep" is the default: Enter does not remove anyone.
    QCOMPARE(box->defaultButton()->text(), u"Keep"_s);
    box->defaultButton()->click();
    QCOMPARE(m_draft->model().staff.size(), 4);

    click(u"removePerson"_s);
    box = openedBox(u"removeQuestion"_s);
    QVERIFY(box);
    for (QAbstractButton *button : box->buttons()) {
        if (button->text() == u"Remove"_s)
            button->click();
    }
    QCOMPARE(m_draft->model().staff.size(), 3);
    QCOMPARE(m_panel->staffTab()->currentRow(), 2);
    QVERIFY(!m_draft->isModified()); // back to the saved plan
}

void TestStaffPanel::teamRingSettingsAndTiersAreSaved()
{
    // Someone new to put in the team.
    click(u"addPerson"_s);
    QTest::keyClicks(child<QLineEdit>(u"name"_s), u"Dana Fox"_s);
    QTest::keyClicks(child<QLineEdit>(u"phone"_s), u"555 222 3333"_s);

    m_panel->tabs()->setCurrentWidget(m_panel->teamsTab());
    QCOMPARE(child<QListWidget>(u"teamList"_s)->count(), 1);
    QCOMPARE(child<QLineEdit>(u"teamName"_s)->text(), u"Front desk"_s);
    child<QComboBox>(u"ring"_s)->setCurrentIndex(1); // all at once
    child<QSpinBox>(u"ringSeconds"_s)->setValue(35);
    child<QSpinBox>(u"maxPeople"_s)->setValue(2);
    click(u"skipDialed"_s); // off
    child<QSpinBox>(u"stickyDays"_s)->setValue(30);
    const Team &edited = m_draft->model().teams.first();
    QCOMPARE(edited.ring, RingMode::AllAtOnce);
    QCOMPARE(edited.ringSeconds, 35);
    QCOMPARE(edited.maxPeople, 2);
    QVERIFY(!edited.skipDialed);
    QCOMPARE(edited.stickyDays, 30);

    // Carol's tier first, then a new tier with Dana last.
    TierEditor *tiers = m_panel->teamsTab()->tierEditor();
    auto *tree = child<QTreeWidget>(u"tiers"_s);
    QCOMPARE(tree->topLevelItemCount(), 2);
    tree->setCurrentItem(tree->topLevelItem(1));
    QCOMPARE(tiers->currentTier(), 1);
    click(u"moveTierUp"_s);
    QCOMPARE(m_draft->model().teams.first().tiers,
        (QList<QStringList> { { u"carol"_s }, { u"alice"_s, u"bob"_s } }));
    QCOMPARE(tiers->currentTier(), 0); // the moved tier stays selected
    QVERIFY(!child<QAbstractButton>(u"moveTierUp"_s)->isEnabled());

    click(u"addTier"_s);
    QCOMPARE(tree->topLevelItemCount(), 3);
    QCOMPARE(tiers->currentTier(), 2);
    // An empty tier is a fault until someone is in it.
    auto *tierFault = child<QLabel>(u"tiersFault"_s);
    QVERIFY(tierFault);
    QVERIFY(tierFault->isVisible());
    QVERIFY2(tierFault->text().contains(u"Tier 3"_s), qPrintable(tierFault->text()));
    QVERIFY(!m_panel->saveBar()->saveButton()->isEnabled());
    auto *people = child<QComboBox>(u"tierPeople"_s);
    QCOMPARE(people->count(), 1); // only Dana is in no tier yet
    QCOMPARE(people->currentText(), u"Dana Fox"_s);
    click(u"addToTier"_s);
    QVERIFY(!tierFault->isVisible());
    QCOMPARE(people->count(), 0);
    QVERIFY(!child<QAbstractButton>(u"addToTier"_s)->isEnabled());

    click(m_panel->saveBar()->saveButton());
    QVERIFY2(!m_draft->isModified(), qPrintable(m_draft->errors().join(u'\n')));
    const RoutingModel stored = storedPlan();
    QCOMPARE(stored.teams.size(), 1);
    const Team &team = stored.teams.first();
    QCOMPARE(team.ring, RingMode::AllAtOnce);
    QCOMPARE(team.ringSeconds, 35);
    QCOMPARE(team.maxPeople, 2);
    QVERIFY(!team.skipDialed);
    QCOMPARE(team.stickyDays, 30);
    QCOMPARE(
        team.tiers, (QList<QStringList> { { u"carol"_s }, { u"alice"_s, u"bob"_s }, { u"dana-fox"_s } }));

    // Taking someone out keeps the tier selected.
    tree->setCurrentItem(tree->topLevelItem(1)->child(0));
    QCOMPARE(tiers->currentMember(), 0);
    click(u"takeOutOfTier"_s);
    QCOMPARE(m_draft->model().teams.first().tiers.at(1), QStringList { u"bob"_s });
    QCOMPARE(tiers->currentTier(), 1);
    QCOMPARE(people->currentText(), u"Alice Ng"_s);
}

void TestStaffPanel::weeklyHoursAndClosedDaysAreSaved()
{
    m_panel->tabs()->setCurrentWidget(m_panel->schedulesTab());
    WeeklyHoursEditor *weekly = m_panel->schedulesTab()->weeklyHours();
    QCOMPARE(weekly->rows().size(), 1);
    QCOMPARE(weekly->rows().first().from->time(), QTime(8, 0));
    QCOMPARE(weekly->rows().first().to->time(), QTime(17, 30));

    // Saturday mornings: a new window starts Monday to Friday, 09:00–17:00.
    click(u"addWindow"_s);
    QCOMPARE(weekly->rows().size(), 2);
    const WeeklyHoursEditor::Row &saturday = weekly->rows().at(1);
    for (int day = 0; day < 5; ++day)
        saturday.days.at(day)->click();
    // No day ticked is a fault at the row.
    QVERIFY(saturday.fault->isVisible());
    QCOMPARE(saturday.fault->text(), u"Tick at least one day."_s);
    QVERIFY(!m_panel->saveBar()->saveButton()->isEnabled());
    saturday.days.at(5)->click();
    QVERIFY(!saturday.fault->isVisible());
    saturday.to->setTime(QTime(13, 0));

    auto *date = child<QDateEdit>(u"closedDate"_s);
    date->setDate(QDate(2026, 7, 3));
    click(u"addClosedDate"_s);
    date->setDate(QDate(2026, 1, 1));
    click(u"addClosedDate"_s);
    click(u"addClosedDate"_s); // a date already listed is not added twice
    auto *closed = child<QListWidget>(u"closedDates"_s);
    QCOMPARE(closed->count(), 3);
    QCOMPARE(closed->currentRow(), 0); // in date order, the one just added selected
    QCOMPARE(closed->item(0)->data(Qt::UserRole + 1).toDate(), QDate(2026, 1, 1));

    click(m_panel->saveBar()->saveButton());
    QVERIFY2(!m_draft->isModified(), qPrintable(m_draft->errors().join(u'\n')));
    const Schedule stored = storedPlan().schedules.first();
    QCOMPARE(stored.weekly.size(), 2);
    QCOMPARE(stored.weekly.at(1).days, QList<Qt::DayOfWeek> { Qt::Saturday });
    QCOMPARE(stored.weekly.at(1).from, QTime(9, 0));
    QCOMPARE(stored.weekly.at(1).to, QTime(13, 0));
    QCOMPARE(stored.closed, (QList<QDate> { QDate(2026, 1, 1), QDate(2026, 7, 3), QDate(2026, 12, 25) }));

    // Removing the selected date, and a window.
    click(u"removeClosedDate"_s);
    QCOMPARE(
        m_draft->model().schedules.first().closed, (QList<QDate> { QDate(2026, 7, 3), QDate(2026, 12, 25) }));
    QTest::mouseClick(weekly->rows().at(0).remove, Qt::LeftButton);
    QCOMPARE(weekly->rows().size(), 1);
    QCOMPARE(m_draft->model().schedules.first().weekly.first().days, QList<Qt::DayOfWeek> { Qt::Saturday });
}

void TestStaffPanel::theTimeZoneIsPickedByCityAndSavedAsItsId()
{
    m_panel->tabs()->setCurrentWidget(m_panel->schedulesTab());
    auto *picker = child<TimeZonePicker>(u"timeZone"_s);
    QCOMPARE(picker->zoneId(), m_draft->model().timeZone.id());
    QCOMPARE(picker->currentText(), TimeZonePicker::entryText(m_draft->model().timeZone.id()));

    // Typed part of a city, then Enter: the one zone that matches.
    picker->lineEdit()->selectAll();
    QTest::keyClicks(picker->lineEdit(), u"auck"_s);
    QTest::keyClick(picker->lineEdit(), Qt::Key_Return);
    QCOMPARE(m_draft->model().timeZone.id(), QByteArrayLiteral("Pacific/Auckland"));
    QVERIFY2(picker->currentText().startsWith(u"Auckland — New Zealand (UTC+12:00)"_s), qPrintable(picker->currentText()));

    click(m_panel->saveBar()->saveButton());
    QVERIFY2(!m_draft->isModified(), qPrintable(m_draft->errors().join(u'\n')));
    QCOMPARE(storedPlan().timeZone.id(), QByteArrayLiteral("Pacific/Auckland"));
    QCOMPARE(m_draft->savedTimeZone().id(), QByteArrayLiteral("Pacific/Auckland"));

    // Something that names no zone leaves the plan's as it was, and shows it again.
    picker->lineEdit()->selectAll();
    QTest::keyClicks(picker->lineEdit(), u"Atlantis"_s);
    QTest::keyClick(picker->lineEdit(), Qt::Key_Return);
    QCOMPARE(m_draft->model().timeZone.id(), QByteArrayLiteral("Pacific/Auckland"));
    QVERIFY(!m_draft->isModified());
}

void TestStaffPanel::renamingAScheduleKeepsItsSpacesAndItsUses()
{
    m_panel->tabs()->setCurrentWidget(m_panel->schedulesTab());
    auto *name = child<QLineEdit>(u"scheduleName"_s);
    QCOMPARE(name->text(), u"Office hours"_s);
    name->setFocus();
    name->selectAll();
    // A name as people say it, spaces and all.
    QTest::keyClicks(name, u"Clinic hours"_s);
    QCOMPARE(name->text(), u"Clinic hours"_s);
    QCOMPARE(name->cursorPosition(), 12);
    const RoutingModel &model = m_draft->model();
    QCOMPARE(model.schedules.first().name, u"Clinic hours"_s);
    // The uses follow without changing: they refer to the schedule by its id, which stays.
    QCOMPARE(model.schedules.first().id, u"office"_s);
    QCOMPARE(model.staff.at(0).schedule, u"office"_s);
    QCOMPARE(model.staff.at(1).schedule, u"office"_s);
    QVERIFY(model.staff.at(2).schedule.isEmpty());
    QCOMPARE(model.plans.first().rules.at(1).when.outside, u"office"_s);
    QCOMPARE(model.scheduleName(model.staff.at(0).schedule), u"Clinic hours"_s);
    QCOMPARE(child<QListWidget>(u"scheduleList"_s)->item(0)->text(), u"Clinic hours"_s);

    // A name another schedule has is not taken: the uses could not be told apart.
    click(u"addSchedule"_s);
    QCOMPARE(m_panel->schedulesTab()->currentRow(), 1);
    QCOMPARE(name->text(), u"Opening hours"_s);
    QCOMPARE(name->selectedText(), u"Opening hours"_s); // typing replaces it
    QTest::keyClicks(name, u"Clinic hours"_s);
    QCOMPARE(m_draft->model().schedules.at(1).name, u"Clinic hour"_s);
    auto *fault = child<QLabel>(u"scheduleNameFault"_s);
    QVERIFY(fault->isVisible());
    QVERIFY2(fault->text().contains(u"already called \"Clinic hours\""_s), qPrintable(fault->text()));
    QTest::keyClicks(name, u" (late)"_s);
    QCOMPARE(m_draft->model().schedules.at(1).name, u"Clinic hours (late)"_s);
    QVERIFY(!fault->isVisible());
    // Its id was made once from its first name and is never shown.
    QCOMPARE(m_draft->model().schedules.at(1).id, u"opening-hours"_s);

    // In use, it cannot be removed.
    m_panel->schedulesTab()->selectRow(0);
    click(u"removeSchedule"_s);
    QMessageBox *box = openedBox(u"stillInUse"_s);
    QVERIFY(box);
    QVERIFY2(
        box->informativeText().contains(u"on-call hours of Alice Ng"_s), qPrintable(box->informativeText()));
    QVERIFY2(box->informativeText().contains(u"rule \"After hours\""_s), qPrintable(box->informativeText()));
    box->button(QMessageBox::Ok)->click();
    QCOMPARE(m_draft->model().schedules.size(), 2);

    click(m_panel->saveBar()->saveButton());
    QVERIFY2(!m_draft->isModified(), qPrintable(m_draft->errors().join(u'\n')));
    const RoutingModel stored = storedPlan();
    QCOMPARE(stored.schedules.first().id, u"office"_s);
    QCOMPARE(stored.schedules.first().name, u"Clinic hours"_s);
    QCOMPARE(stored.staff.at(0).schedule, u"office"_s);
    QCOMPARE(stored.plans.first().rules.at(1).when.outside, u"office"_s);
}

void TestStaffPanel::typingKeepsTheCursorAndSelection()
{
    auto *name = child<QLineEdit>(u"name"_s);
    name->setFocus();
    name->setCursorPosition(5);
    QTest::keyClicks(name, u"X"_s);
    QCOMPARE(name->text(), u"AliceX Ng"_s);
    QCOMPARE(m_draft->model().staff.at(0).name, u"AliceX Ng"_s);
    QCOMPARE(name->cursorPosition(), 6);

    // A change elsewhere in the plan leaves the field as it is.
    name->setSelection(7, 2);
    m_draft->edit([](RoutingModel &model) { model.staff[1].phone = u"+15551110009"_s; });
    QCOMPARE(name->selectedText(), u"Ng"_s);
    QCOMPARE(child<QTableWidget>(u"staffTable"_s)->currentRow(), 0);
    QTest::keyClicks(name, u"Ngu"_s);
    QCOMPARE(m_draft->model().staff.at(0).name, u"AliceX Ngu"_s);
    QCOMPARE(name->cursorPosition(), 10);
}

void TestStaffPanel::discardRestoresTheSavedPlan()
{
    const RoutingModel saved = storedPlan();
    QTest::keyClicks(child<QLineEdit>(u"name"_s), u"ia"_s);
    m_panel->tabs()->setCurrentWidget(m_panel->teamsTab());
    click(u"addTeam"_s);
    QTest::keyClicks(child<QLineEdit>(u"teamName"_s), u"Dentists"_s);
    QCOMPARE(m_draft->model().teams.at(1).id, u"dentists"_s);
    QCOMPARE(child<QListWidget>(u"teamList"_s)->count(), 2);
    m_panel->tabs()->setCurrentWidget(m_panel->schedulesTab());
    m_panel->schedulesTab()->weeklyHours()->rows().first().days.at(5)->click();
    QVERIFY(m_draft->isModified());

    // Discard asks first.
    QTimer::singleShot(0, this, [] {
        auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
        QVERIFY(box);
        box->button(QMessageBox::Discard)->click();
    });
    click(m_panel->saveBar()->discardButton());
    QVERIFY(!m_draft->isModified());
    QCOMPARE(m_draft->model().staff, saved.staff);
    QCOMPARE(m_draft->model().teams, saved.teams);
    QVERIFY(!m_panel->schedulesTab()->weeklyHours()->rows().first().days.at(5)->isChecked());
    QCOMPARE(child<QListWidget>(u"teamList"_s)->count(), 1);
    QCOMPARE(m_panel->teamsTab()->currentRow(), 0);
    QCOMPARE(child<QLineEdit>(u"teamName"_s)->text(), u"Front desk"_s);
    QCOMPARE(child<QLineEdit>(u"name"_s)->text(), u"Alice Ng"_s);
}

void TestStaffPanel::tabGoesThroughTheFormsInOrder()
{
    m_panel->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_panel.get()));
    const auto tabFrom = [](QWidget *widget) {
        widget->setFocus();
        QTest::keyClick(widget, Qt::Key_Tab);
        return QApplication::focusWidget();
    };
    auto *name = child<QLineEdit>(u"name"_s);
    auto *phone = child<QLineEdit>(u"phone"_s);
    QCOMPARE(tabFrom(child<QWidget>(u"removePerson"_s)), name);
    QCOMPARE(tabFrom(name), phone);
    QCOMPARE(tabFrom(phone), child<QWidget>(u"active"_s));
    QCOMPARE(tabFrom(child<QWidget>(u"active"_s)), child<QWidget>(u"schedule"_s));
    QCOMPARE(tabFrom(child<QWidget>(u"schedule"_s)), child<QWidget>(u"ownsNumbers"_s));

    m_panel->tabs()->setCurrentWidget(m_panel->teamsTab());
    QCOMPARE(tabFrom(child<QWidget>(u"stickyDays"_s)), child<QWidget>(u"tiers"_s));

    // The weekly rows, made after the rest of the panel, sit between the name and "Add window".
    m_panel->tabs()->setCurrentWidget(m_panel->schedulesTab());
    click(u"addWindow"_s);
    const QList<WeeklyHoursEditor::Row> &rows = m_panel->schedulesTab()->weeklyHours()->rows();
    QCOMPARE(rows.size(), 2);
    QCOMPARE(tabFrom(child<QWidget>(u"scheduleName"_s)), rows.at(0).days.at(0));
    QCOMPARE(tabFrom(rows.at(0).days.at(6)), rows.at(0).from);
    QCOMPARE(tabFrom(rows.at(0).remove), rows.at(1).days.at(0));
    QCOMPARE(tabFrom(rows.at(1).remove), child<QWidget>(u"addWindow"_s));
    QCOMPARE(tabFrom(child<QWidget>(u"addWindow"_s)), child<QWidget>(u"closedDates"_s));
}

void TestStaffPanel::anEmptyPlanSaysWhatToDo()
{
    // A data folder with the built-in plan: nobody on the staff, no teams, no schedules.
    m_panel.reset();
    m_draft.reset();
    m_data.reset();
    m_dir = std::make_unique<TempDataDir>();
    m_data = std::make_unique<DataDirectory>(m_dir->path());
    QString error;
    QVERIFY2(m_data->open(&error), qPrintable(error));
    m_draft = std::make_unique<PlanDraft>(m_data->database(), m_data->settings());
    m_panel = std::make_unique<StaffPanel>(*m_draft);
    m_panel->show();

    const auto shownText = [this](const QString &list) {
        auto *pages = qobject_cast<QStackedWidget *>(child<QWidget>(list)->parentWidget());
        auto *label = qobject_cast<QLabel *>(pages ? pages->currentWidget() : nullptr);
        return label ? label->text() : QString();
    };
    QCOMPARE(shownText(u"staffTable"_s), u"No staff yet. Add the people who answer calls."_s);
    QVERIFY(shownText(u"teamList"_s).startsWith(u"No teams yet."_s));
    QVERIFY(shownText(u"scheduleList"_s).startsWith(u"No schedules yet."_s));
    QVERIFY(!child<QAbstractButton>(u"removePerson"_s)->isEnabled());

    // The first person is selected, with the cursor in their name.
    click(u"addPerson"_s);
    QCOMPARE(m_panel->staffTab()->currentRow(), 0);
    QVERIFY(shownText(u"staffTable"_s).isEmpty());
    QVERIFY(child<QLineEdit>(u"name"_s)->isVisible());
}

QTEST_MAIN(TestStaffPanel)
#include "tst_staffpanel.moc"
