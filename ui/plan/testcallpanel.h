// The Test a call tab of the Routing panel: the simulator in the window. A made-up call (who calls,
// which number, when, which keys they press) runs through the plan as edited here, saved or not,
// against the real customers and bookings, and shows the path it would take. Nobody is called.
#pragma once

#include <QWidget>

class Database;
class PlanDraft;
class QCheckBox;
class QComboBox;
class QDateTimeEdit;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QTableWidget;
class Settings;
class ShownClock;

class TestCallPanel : public QWidget
{
    Q_OBJECT

public:
    TestCallPanel(PlanDraft &draft, Database &db, Settings &settings, QWidget *parent = nullptr);

    QLineEdit *fromField() const { return m_from; }
    QComboBox *toBox() const { return m_to; }
    QDateTimeEdit *whenField() const { return m_when; }
    QCheckBox *nowBox() const { return m_now; }
    QLineEdit *keysField() const { return m_keys; }
    QLabel *summaryLabel() const { return m_summary; }
    QTableWidget *dialTable() const { return m_dials; }
    QTableWidget *stepsTable() const { return m_steps; }
    QPlainTextEdit *twimlView() const { return m_twiml; }
    QCheckBox *showTwimlBox() const { return m_showTwiml; }

public Q_SLOTS:
    // Runs the call as the fields describe it and shows the result (or why it could not run).
    void run();

private:
    void showTwiml();
    void loadNumbers();
    // The clock of the plan as edited: "when" is typed and shown on it.
    ShownClock clock() const;

    PlanDraft &m_draft;
    Database &m_db;
    Settings &m_settings;

    QLineEdit *m_from;
    QComboBox *m_to;
    QDateTimeEdit *m_when;
    QCheckBox *m_now;
    QLineEdit *m_keys;
    QPushButton *m_run;
    QLabel *m_summary;
    QTableWidget *m_dials;
    QTableWidget *m_steps;
    QPlainTextEdit *m_twiml;
    QCheckBox *m_showTwiml;
};
