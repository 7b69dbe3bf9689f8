// The bundled README in a reader, scrolled to the section on setting Switchboard up.
#include "setupguide.h"

#include <QAbstractTextDocumentLayout>
#include <QDialogButtonBox>
#include <QFile>
#include <QScrollBar>
#include <QTextBlock>
#include <QTextBrowser>
#include <QTextDocument>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

SetupGuide::SetupGuide(QWidget *parent)
    : QDialog(parent)
    , m_browser(new QTextBrowser(this))
{
    setWindowTitle(tr("Switchboard set-up guide"));
    m_browser->setObjectName(u"guide"_s);
    m_browser->setOpenExternalLinks(true);
    QFile readme(u":/doc/README.md"_s);
    if (readme.open(QIODevice::ReadOnly))
        m_browser->setMarkdown(QString::fromUtf8(readme.readAll()));
    else
        m_browser->setPlainText(tr("The guide is missing from this build."));
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_browser, 1);
    layout->addWidget(buttons);
    resize(820, 620);
}

void SetupGuide::showEvent(QShowEvent *event)
{
    QDialog::showEvent(event);
    // Laid out only now: before, there is nothing to scroll.
    showHeading(setUpHeading());
}

QString SetupGuide::setUpHeading()
{
    // The README's own words (it is written in English only).
    return u"Set-up on a fresh Debian 12 machine"_s;
}

void SetupGuide::showHeading(const QString &heading)
{
    QTextDocument *document = m_browser->document();
    for (QTextBlock block = document->begin(); block.isValid(); block = block.next()) {
        if (block.blockFormat().headingLevel() > 0 && block.text() == heading) {
            QTextCursor cursor(block);
            m_browser->setTextCursor(cursor);
            // With the heading at the top rather than wherever ensureCursorVisible leaves it.
            m_browser->verticalScrollBar()->setValue(
                int(document->documentLayout()->blockBoundingRect(block).top()));
            return;
        }
    }
}
