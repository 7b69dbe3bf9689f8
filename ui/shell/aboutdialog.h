// Help → About: the version, and the libraries Switchboard is built on with their licences.
#pragma once

#include <QDialog>

class AboutDialog : public QDialog
{
    Q_OBJECT

public:
    explicit AboutDialog(QWidget *parent = nullptr);

    // What the dialog says, as shown (rich text), for tests.
    QString text() const;

private:
    QString m_text;
};
