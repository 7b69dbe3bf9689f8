// The pages of the set-up assistant. Each stores its answers when the owner goes on (all of a page's
// entries or none, each refusal marked at its entry), so that leaving half-way keeps what was done.
#pragma once

#include "setup/settingfields.h"
#include "setup/setupcheckline.h"
#include "twilio/incomingnumber.h"

#include <QList>
#include <QWizardPage>

class DataDirectory;
class QCheckBox;
class QLabel;
class QLineEdit;
class QNetworkAccessManager;
class QPushButton;
class QRadioButton;
class QTreeWidget;
class QTreeWidgetItem;
class QVBoxLayout;

// What every page shares: the data folder, the network, and the entries it stores.
class AssistantPage : public QWizardPage
{
    Q_OBJECT

public:
    AssistantPage(DataDirectory &data, QNetworkAccessManager *network, QWidget *parent = nullptr);

    // Stores the page's entries; false (with the refusals marked) when one is refused.
    bool validatePage() override;

protected:
    // More to store with the entries, in the same transaction; refusals by key.
    virtual void storeMore(QHash<QString, QString> &errors) { Q_UNUSED(errors) }
    // Refusals for keys without an entry of their own.
    virtual void showUnplacedError(const QString &error);
    // The "why" sentence under the title, and the page's own layout below it.
    QVBoxLayout *body() const { return m_body; }
    QLabel *addParagraph(const QString &text);
    // A line that says how something went: ✔ in green or ✘ in red, and the text.
    static QString statusHtml(bool ok, const QString &text);

    DataDirectory &m_data;
    QNetworkAccessManager *m_network;
    SettingFields m_fields;

private:
    QVBoxLayout *m_body;
    QLabel *m_unplacedError;
};

class WelcomePage : public AssistantPage
{
    Q_OBJECT

public:
    WelcomePage(DataDirectory &data, QNetworkAccessManager *network, QWidget *parent = nullptr);
};

class AccountPage : public AssistantPage
{
    Q_OBJECT

public:
    AccountPage(DataDirectory &data, QNetworkAccessManager *network, QWidget *parent = nullptr);
    void initializePage() override;
    bool isComplete() const override;

private:
    QCheckBox *m_useApiKey;
    QWidget *m_apiKeyRows;
};

class NumbersPage : public AssistantPage
{
    Q_OBJECT

public:
    NumbersPage(DataDirectory &data, QNetworkAccessManager *network, QWidget *parent = nullptr);
    void initializePage() override;
    bool isComplete() const override;

    bool isLoading() const { return m_loading; }
    QStringList chosenNumbers() const;

Q_SIGNALS:
    void loadFinished(bool ok);

protected:
    void storeMore(QHash<QString, QString> &errors) override;
    void showUnplacedError(const QString &error) override;

private:
    void load();
    void showNumbers(const QList<IncomingNumber> &numbers);
    void showProblem(const QString &problem);
    void addTypedNumber();
    QTreeWidgetItem *addRow(const QString &e164, const QString &name, bool checked);

    QLabel *m_status;
    QTreeWidget *m_list;
    QWidget *m_typeRow;
    QLineEdit *m_typed;
    QLabel *m_typedError;
    bool m_loading = false;
};

class FallbackPage : public AssistantPage
{
    Q_OBJECT

public:
    FallbackPage(DataDirectory &data, QNetworkAccessManager *network, QWidget *parent = nullptr);
    void initializePage() override;
    bool isComplete() const override;
};

class AgentPage : public AssistantPage
{
    Q_OBJECT

public:
    AgentPage(DataDirectory &data, QNetworkAccessManager *network, QWidget *parent = nullptr);
    void initializePage() override;
    bool validatePage() override;

private:
    // "Skip" while nothing is entered: the page is optional.
    void nameTheNextButton();
    bool isSkipped() const;
};

class ConnectionPage : public AssistantPage
{
    Q_OBJECT

public:
    ConnectionPage(DataDirectory &data, QNetworkAccessManager *network, QWidget *parent = nullptr);
    void initializePage() override;
    bool isComplete() const override;

    // Saves the entries and asks whether Twilio can reach this computer, as `switchboard doctor` does.
    void check();
    bool isChecking() const { return m_checking; }
    SetupCheckLine lastCheck() const { return m_lastCheck; }

Q_SIGNALS:
    void checkFinished();

private:
    void suggestListenAddress();

    QRadioButton *m_tunnel;
    QRadioButton *m_portForward;
    QPushButton *m_check;
    QLabel *m_result;
    SetupCheckLine m_lastCheck;
    bool m_checking = false;
};

class ApplyPage : public AssistantPage
{
    Q_OBJECT

public:
    ApplyPage(DataDirectory &data, QNetworkAccessManager *network, QWidget *parent = nullptr);
    void initializePage() override;
    bool isComplete() const override;
    bool validatePage() override { return true; }

    void apply();
    bool isApplying() const { return m_applying; }
    QStringList lines() const { return m_lines; }

Q_SIGNALS:
    void applyFinished(bool ok);

private:
    QLabel *m_plan;
    QPushButton *m_apply;
    QLabel *m_busy;
    QVBoxLayout *m_results;
    QStringList m_lines;
    bool m_applying = false;
    bool m_applied = false;
};

class TestCallPage : public AssistantPage
{
    Q_OBJECT

public:
    TestCallPage(DataDirectory &data, QNetworkAccessManager *network, QWidget *parent = nullptr);
    void initializePage() override;
    bool validatePage() override { return true; }

    bool watchLiveCalls() const;
    // The call to make, then what will happen, a sentence each.
    QStringList whatWillHappen() const;
    QList<SetupCheckLine> checkLines() const { return m_checkLines; }
    bool isChecking() const { return m_checking; }

Q_SIGNALS:
    void checkFinished();

private:
    QLabel *m_steps;
    QLabel *m_checkingNote;
    QVBoxLayout *m_results;
    QCheckBox *m_watch;
    QList<SetupCheckLine> m_checkLines;
    bool m_checking = false;
};
