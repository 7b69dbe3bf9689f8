// Help → Set-up guide: the README, bundled with the app, opened at its set-up section, so that the guide
// is at hand on a computer without the source or a browser.
#pragma once

#include <QDialog>

class QTextBrowser;

class SetupGuide : public QDialog
{
    Q_OBJECT

public:
    explicit SetupGuide(QWidget *parent = nullptr);

    QTextBrowser *browser() const { return m_browser; }
    // The heading the guide opened at.
    static QString setUpHeading();

protected:
    void showEvent(QShowEvent *event) override;

private:
    void showHeading(const QString &heading);

    QTextBrowser *m_browser;
};
