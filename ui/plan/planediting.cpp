// Helpers shared by the Staff, Teams and Schedules editors of the routing plan.
#include "planediting.h"
#include "phone/phonenormalizer.h"

#include "look/statuscolours.h"

#include <QIcon>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPainter>
#include <QPixmap>
#include <QPushButton>
#include <QScrollArea>
#include <QSignalBlocker>
#include <QSplitter>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace {

constexpr qsizetype MaxIdLength = 64;

} // namespace

QString PlanEditing::idFromName(const QString &name, const QStringList &taken, const QString &fallback)
{
    // Accents are dropped rather than the letter ("José" is "jose"), so the id still reads as the name.
    const QString plain = name.normalized(QString::NormalizationForm_KD).toLower();
    QString id;
    for (const QChar c : plain) {
        if ((c >= u'a' && c <= u'z') || (c >= u'0' && c <= u'9'))
            id.append(c);
        else if (c.isMark())
            continue; // the accent of a letter just added
        else if (!id.isEmpty() && !id.endsWith(u'-'))
            id.append(u'-'); // spaces, dots and other letters part words
    }
    // Room for "-999" after the name.
    id = id.left(MaxIdLength - 4);
    while (id.endsWith(u'-'))
        id.chop(1);
    if (id.isEmpty())
        id = fallback;
    QString unique = id;
    for (int n = 2; taken.contains(unique); ++n)
        unique = id + u'-' + QString::number(n);
    return unique;
}

QString PlanEditing::shownNumber(const QString &number, const QString &region)
{
    return shownNumbers({ number }, region).constFirst();
}

QStringList PlanEditing::shownNumbers(const QStringList &numbers, const QString &region)
{
    const PhoneNormalizer phone(region);
    QStringList shown;
    shown.reserve(numbers.size());
    for (const QString &number : numbers) {
        const std::optional<QString> e164 = phone.toE164(number);
        shown.append(e164 ? phone.toDisplay(*e164) : number);
    }
    return shown;
}

void PlanEditing::showText(QLineEdit *edit, const QString &text)
{
    if (edit->text() == text)
        return;
    const QSignalBlocker blocker(edit);
    edit->setText(text);
}

QLabel *PlanEditing::faultLabel(QWidget *parent)
{
    auto *label = new QLabel(parent);
    styleAsFault(label);
    return label;
}

void PlanEditing::styleAsFault(QLabel *label)
{
    label->setWordWrap(true);
    label->setTextFormat(Qt::PlainText);
    label->setStyleSheet(StatusColours::textStyle(StatusColours::Status::Bad));
    label->hide();
}

QWidget *PlanEditing::withFault(QWidget *field, QLabel *fault, QLabel *hint)
{
    if (fault && !field->objectName().isEmpty())
        fault->setObjectName(field->objectName() + u"Fault"_s);
    auto *box = new QWidget(field->parentWidget());
    auto *layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    // Text fields take the row's width; spin boxes, combos and checkboxes keep their own, next to the label.
    const bool wide = field->sizePolicy().horizontalPolicy() & QSizePolicy::ExpandFlag;
    layout->addWidget(field, 0, wide ? Qt::Alignment() : Qt::AlignLeft);
    if (fault)
        layout->addWidget(fault);
    if (hint)
        layout->addWidget(hint);
    box->setFocusProxy(field);
    return box;
}

void PlanEditing::showFaults(QWidget *field, QLabel *label, const QStringList &faults)
{
    const QString text = faults.join(u'\n');
    const bool faulty = !faults.isEmpty();
    if (label->text() != text)
        label->setText(text);
    label->setVisible(faulty);
    if (field->property("fault").toBool() == faulty)
        return;
    field->setProperty("fault", faulty);
    // Only the field's own class: its children (a combo's list, a tree's header) keep their look.
    field->setStyleSheet(
        faulty ? StatusColours::frameStyle(StatusColours::Status::Bad, QString::fromLatin1(field->metaObject()->className()))
               : QString());
    field->setAccessibleDescription(text);
}

QIcon PlanEditing::faultIcon()
{
    // Drawn rather than taken from the icon theme, which may have no such icon.
    QPixmap pixmap(16, 16);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(Qt::NoPen);
    painter.setBrush(StatusColours::colour(StatusColours::Status::Bad));
    painter.drawEllipse(QRectF(3, 3, 10, 10));
    painter.setPen(QPen(Qt::white, 2));
    painter.drawLine(QPointF(8, 5), QPointF(8, 9));
    painter.drawPoint(QPointF(8, 11.2));
    return QIcon(pixmap);
}

QLabel *PlanEditing::hintLabel(const QString &text, QWidget *parent)
{
    auto *hint = new QLabel(text, parent);
    hint->setWordWrap(true);
    hint->setForegroundRole(QPalette::PlaceholderText);
    QFont font = hint->font();
    font.setPointSizeF(font.pointSizeF() * 0.9);
    hint->setFont(font);
    return hint;
}

QLabel *PlanEditing::heading(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    QFont font = label->font();
    font.setBold(true);
    label->setFont(font);
    return label;
}

QWidget *PlanEditing::scrolling(QWidget *form, QWidget *parent)
{
    auto *scroll = new QScrollArea(parent);
    scroll->setWidget(form);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    return scroll;
}

QWidget *PlanEditing::besideEachOther(
    QWidget *list, QWidget *form, int listStretch, int formStretch, QWidget *parent)
{
    auto *splitter = new QSplitter(Qt::Horizontal, parent);
    splitter->addWidget(list);
    splitter->addWidget(form);
    splitter->setStretchFactor(0, listStretch);
    splitter->setStretchFactor(1, formStretch);
    splitter->setChildrenCollapsible(false);
    return splitter;
}

QLabel *PlanEditing::emptyState(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    label->setAlignment(Qt::AlignCenter);
    label->setWordWrap(true);
    label->setForegroundRole(QPalette::PlaceholderText);
    label->setMargin(12);
    return label;
}

bool PlanEditing::refuseWhileUsed(QWidget *parent, const QString &what, const QStringList &places)
{
    if (places.isEmpty())
        return false;
    auto *box = new QMessageBox(QMessageBox::Information, tr("Still in use"),
        tr("%1 cannot be removed yet.").arg(what), QMessageBox::Ok, parent);
    box->setObjectName(u"stillInUse"_s);
    box->setInformativeText(tr("It is still used in:\n%1\n\nTake it out of these first; nothing was changed.")
                                .arg(u"• "_s + places.join(u"\n• "_s)));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
    return true;
}

void PlanEditing::askToRemove(
    QWidget *parent, const QString &what, const QString &consequence, const std::function<void()> &remove)
{
    auto *box = new QMessageBox(
        QMessageBox::Question, tr("Remove"), tr("Remove %1?").arg(what), QMessageBox::NoButton, parent);
    box->setObjectName(u"removeQuestion"_s);
    box->setInformativeText(consequence);
    QPushButton *confirm = box->addButton(tr("Remove"), QMessageBox::DestructiveRole);
    QPushButton *keep = box->addButton(tr("Keep"), QMessageBox::RejectRole);
    box->setDefaultButton(keep);
    box->setEscapeButton(keep);
    box->setAttribute(Qt::WA_DeleteOnClose);
    QObject::connect(box, &QMessageBox::finished, parent, [box, confirm, remove] {
        if (box->clickedButton() == confirm)
            remove();
    });
    box->open();
}
