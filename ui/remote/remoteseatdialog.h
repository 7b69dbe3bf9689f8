// "Connect to another Switchboard": the other Switchboard's address as typed, its token, and the name this
// seat goes by there. Filled with what was remembered last time; Forget clears it from this computer.
#pragma once

#include "remoteseatsettings.h"

#include <QDialog>

class QLabel;
class QLineEdit;
class QPushButton;
class RemoteSeatMemory;

class RemoteSeatDialog : public QDialog
{
    Q_OBJECT

public:
    // `memory` fills the fields, keeps what is connected to, and forgets; it must outlive the dialog.
    explicit RemoteSeatDialog(RemoteSeatMemory &memory, QWidget *parent = nullptr);

    // What was entered (the trusted certificate kept while the address stays the remembered one).
    RemoteSeatSettings settings() const;
    // Checks every field and marks those at fault; true when the seat can connect.
    bool validate();
    // Why a field cannot be used, as shown under it; empty when it can or was not checked.
    QString addressProblem() const;
    QString tokenProblem() const;
    QString seatNameProblem() const;

public Q_SLOTS:
    // Remembers what was entered and closes, when every field is right; otherwise marks them.
    void accept() override;
    // Clears what was remembered, here and on this computer.
    void forget();

private:
    bool check(QLineEdit *field, QLabel *problem, const QString &why, bool mark);
    bool checkAddress(bool mark);
    bool checkToken(bool mark);
    bool checkSeatName(bool mark);
    void showTrust();

    RemoteSeatMemory &m_memory;
    RemoteSeatSettings m_remembered;
    QLineEdit *m_address;
    QLabel *m_addressProblem;
    QLineEdit *m_token;
    QLabel *m_tokenProblem;
    QLineEdit *m_seatName;
    QLabel *m_seatNameProblem;
    QLabel *m_trust; // the certificate trusted at the remembered address
    QLabel *m_memoryProblem; // why something remembered could not be read, or cannot be kept
    QPushButton *m_forget;
};
