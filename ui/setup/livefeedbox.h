// Setup's box for other seats: where the live feed listens, the address a seat connects to, and the two
// tokens (to watch; to watch and act), shown on request, copied, or replaced by new ones. The listening
// address and the TLS files are ordinary setting fields, saved with the rest of the panel.
#pragma once

#include <QGroupBox>

class DataDirectory;
class QLabel;
class QLineEdit;
class QPushButton;
class SettingFields;

class LiveFeedBox : public QGroupBox
{
    Q_OBJECT

public:
    LiveFeedBox(DataDirectory &data, SettingFields &fields, QWidget *parent = nullptr);

    // Reads the address and the tokens again (after a save, or a change made elsewhere).
    void refresh();
    // Why the router's feed does not listen (empty when it does), shown in the box.
    void setProblem(const QString &problem);

    // The address a seat types into "Connect to another Switchboard", e.g. ws://192.168.1.20:8081.
    QString seatAddress() const;
    // The token as the entry holds it (masked or not), for tests.
    QString shownToken(const QString &key) const;
    // Makes a new token for `key` after asking (unless `ask` is false, for tests); false when kept.
    bool renewToken(const QString &key, bool ask = true);

private:
    struct TokenRow
    {
        QString key;
        QLineEdit *edit = nullptr;
        QPushButton *show = nullptr;
    };

    void addTokenRow(class QFormLayout *form, const QString &key, const QString &label, const QString &hint);

    DataDirectory &m_data;
    QLineEdit *m_address = nullptr;
    QLabel *m_reach = nullptr;
    QLabel *m_problem = nullptr;
    QList<TokenRow> m_tokens;
};
