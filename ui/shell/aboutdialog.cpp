// The About box: what this is, which version, and whose work it stands on.
#include "aboutdialog.h"

#include "core.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QVBoxLayout>
#include <QtGlobal>

using namespace Qt::StringLiterals;

namespace {

struct Library
{
    const char *name;
    const char *use; // translated below
    const char *licence;
};

// The libraries linked into the app, as Debian 12 packages them, with the licences they come under.
constexpr Library Libraries[] = {
    { "Qt 6", QT_TRANSLATE_NOOP("AboutDialog", "windows, networking, database access"), "LGPL-3.0" },
    { "Qt Charts, Qt HTTP Server", QT_TRANSLATE_NOOP("AboutDialog", "statistics charts, the webhook server"),
        "GPL-3.0" },
    { "Qt Multimedia, GStreamer", QT_TRANSLATE_NOOP("AboutDialog", "playing voicemails"), "LGPL-3.0, LGPL-2.1" },
    { "QCoro", QT_TRANSLATE_NOOP("AboutDialog", "waiting on the network without freezing"), "MIT" },
    { "libphonenumber", QT_TRANSLATE_NOOP("AboutDialog", "reading and writing phone numbers"), "Apache-2.0" },
    { "Protocol Buffers, Abseil", QT_TRANSLATE_NOOP("AboutDialog", "used by libphonenumber"),
        "BSD-3-Clause, Apache-2.0" },
    { "ICU", QT_TRANSLATE_NOOP("AboutDialog", "languages and time zones"), "Unicode-3.0" },
    { "OpenSSL", QT_TRANSLATE_NOOP("AboutDialog", "signatures and encryption"), "Apache-2.0" },
    { "SQLite", QT_TRANSLATE_NOOP("AboutDialog", "the database"), QT_TRANSLATE_NOOP("AboutDialog", "public domain") },
    { "QtKeychain", QT_TRANSLATE_NOOP("AboutDialog", "keeping secrets in the system's keychain"), "BSD-3-Clause" },
};

} // namespace

AboutDialog::AboutDialog(QWidget *parent)
    : QDialog(parent)
{
    setWindowTitle(tr("About Switchboard"));
    QString html = u"<h2>Switchboard %1</h2>"_s.arg(Switchboard::version().toHtmlEscaped());
    html += u"<p>%1</p>"_s.arg(
        tr("Answers your business's Twilio numbers on this computer: callers with a booking talk to your AI "
           "receptionist, everyone else rings a person.")
            .toHtmlEscaped());
    html += u"<p>%1</p>"_s.arg(tr("Built with Qt %1, running on Qt %2.").arg(QString::fromLatin1(QT_VERSION_STR),
        QString::fromLatin1(qVersion())).toHtmlEscaped());
    html += u"<p><b>%1</b></p><table cellspacing=\"0\" cellpadding=\"3\">"_s.arg(
        tr("Built on these libraries, under their licences:").toHtmlEscaped());
    for (const Library &library : Libraries) {
        html += u"<tr><td><b>%1</b></td><td>%2</td><td>%3</td></tr>"_s.arg(
            QString::fromLatin1(library.name).toHtmlEscaped(), tr(library.use).toHtmlEscaped(),
            tr(library.licence).toHtmlEscaped());
    }
    html += u"</table><p>%1</p>"_s.arg(
        tr("Because Qt Charts and Qt HTTP Server are under the GPL, Switchboard as a whole is distributed "
           "under the GPL-3.0.")
            .toHtmlEscaped());
    m_text = html;

    auto *label = new QLabel(html, this);
    label->setObjectName(u"aboutText"_s);
    label->setTextFormat(Qt::RichText);
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(label);
    layout->addWidget(buttons);
    setMinimumWidth(560);
}

QString AboutDialog::text() const
{
    return m_text;
}
