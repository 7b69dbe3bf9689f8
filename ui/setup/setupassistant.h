// The set-up assistant: from an empty data folder to a Twilio number routed here, one question per page,
// each saying in a sentence why it is asked. Opens by itself on the first start and from Setup later.
#pragma once

#include <QWizard>

class DataDirectory;
class QNetworkAccessManager;

class SetupAssistant : public QWizard
{
    Q_OBJECT

public:
    enum Page
    {
        WelcomePage,
        AccountPage,
        NumbersPage,
        FallbackPage,
        AgentPage,
        ConnectionPage,
        ApplyPage,
        TestCallPage,
    };
    Q_ENUM(Page)

    // `data` and `network` must outlive the assistant; nothing here blocks on the network.
    SetupAssistant(DataDirectory &data, QNetworkAccessManager *network, QWidget *parent = nullptr);
    ~SetupAssistant() override;

    // Whether the app should open it by itself: no Twilio account saved yet, and the assistant not
    // finished or closed before for this data folder.
    static bool isWanted(DataDirectory &data);

    void done(int result) override;

Q_SIGNALS:
    // Finished with "Watch the test call" ticked: the Live calls panel should come up.
    void watchLiveCallsRequested();

private:
    DataDirectory &m_data;
};
