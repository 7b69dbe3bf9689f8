// The column-matching step of the CSV import.
#include "columnmappingeditor.h"

#include <QComboBox>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QTimeZone>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace {

constexpr int s_none = -1;

// Two fields side by side: a bookings file has nine, and the preview below needs the room.
constexpr int s_fieldsPerRow = 2;

} // namespace

ColumnMappingEditor::ColumnMappingEditor(ImportKind kind, const ShownClock &clock, QWidget *parent)
    : QWidget(parent)
    , m_kind(kind)
    , m_clock(clock)
{
    auto *grid = new QGridLayout;
    grid->setContentsMargins(0, 0, 0, 0);
    grid->setHorizontalSpacing(8);
    const QList<ColumnMapping::Field> fields = ColumnMapping::fields(kind);
    for (int i = 0; i < fields.size(); ++i) {
        const ColumnMapping::Field &field = fields.at(i);
        auto *label = new QLabel(fieldLabel(field.name) + u':', this);
        label->setToolTip(tr("The column %1 of the import").arg(field.name));
        auto *boxes = new QHBoxLayout;
        boxes->setSpacing(4);
        for (int which = 0; which < field.maxColumns; ++which) {
            if (which > 0) {
                auto *join = new QLabel(
                    field.combine == ColumnMapping::Combine::Joined ? u"+"_s : tr("or else"), this);
                join->setForegroundRole(QPalette::PlaceholderText);
                boxes->addWidget(join);
            }
            auto *box = new QComboBox(this);
            box->setObjectName(field.name + u'-' + QString::number(which));
            box->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
            box->setMinimumContentsLength(12);
            boxes->addWidget(box, 1);
            m_boxes[field.name].append(box);
            connect(box, &QComboBox::currentIndexChanged, this, [this] {
                if (m_filling)
                    return;
                readBoxes();
                showDateReading();
                Q_EMIT mappingChanged();
            });
        }
        label->setBuddy(m_boxes.value(field.name).first());
        const int row = i / s_fieldsPerRow;
        const int column = (i % s_fieldsPerRow) * 2;
        grid->addWidget(label, row, column);
        grid->addLayout(boxes, row, column + 1);
    }
    grid->setColumnStretch(1, 1);
    grid->setColumnStretch(3, 1);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(grid);
    if (kind == ImportKind::Bookings) {
        // The one thing a header cannot say: whether 12/05/2026 is in May or in December.
        m_dateRow = new QWidget(this);
        auto *dateLayout = new QHBoxLayout(m_dateRow);
        dateLayout->setContentsMargins(0, 0, 0, 0);
        m_dateReading = new QLabel(m_dateRow);
        m_dateReading->setWordWrap(true);
        m_dateReading->setTextFormat(Qt::PlainText);
        m_dateOrder = new QComboBox(m_dateRow);
        m_dateOrder->setObjectName(u"dateOrder"_s);
        m_dateOrder->addItem(tr("Day first (31.12.2026, 31/12/2026)"), int(DateOrder::DayFirst));
        m_dateOrder->addItem(tr("Month first (12/31/2026)"), int(DateOrder::MonthFirst));
        auto *dateLabel = new QLabel(tr("&Dates:"), m_dateRow);
        dateLabel->setBuddy(m_dateOrder);
        dateLayout->addWidget(dateLabel);
        dateLayout->addWidget(m_dateOrder);
        dateLayout->addWidget(m_dateReading, 1);
        layout->addWidget(m_dateRow);
        connect(m_dateOrder, &QComboBox::currentIndexChanged, this, [this] {
            if (m_filling)
                return;
            m_mapping.setDateOrder(DateOrder(m_dateOrder->currentData().toInt()));
            showDateReading();
            Q_EMIT mappingChanged();
        });
    }
}

QString ColumnMappingEditor::fieldLabel(const QString &field)
{
    static const QHash<QString, const char *> s_labels = {
        { u"customer_id"_s, QT_TR_NOOP("Customer ID") },
        { u"name"_s, QT_TR_NOOP("Name") },
        { u"phone"_s, QT_TR_NOOP("Phone") },
        { u"email"_s, QT_TR_NOOP("Email") },
        { u"notes"_s, QT_TR_NOOP("Notes") },
        { u"assigned_staff"_s, QT_TR_NOOP("Assigned to") },
        { u"booking_id"_s, QT_TR_NOOP("Booking ID") },
        { u"customer_name"_s, QT_TR_NOOP("Customer name") },
        { u"starts_at"_s, QT_TR_NOOP("Starts") },
        { u"ends_at"_s, QT_TR_NOOP("Ends") },
        { u"status"_s, QT_TR_NOOP("Status") },
        { u"service"_s, QT_TR_NOOP("Service") },
        { u"staff"_s, QT_TR_NOOP("Staff") },
    };
    const char *label = s_labels.value(field);
    return label ? tr(label) : field;
}

void ColumnMappingEditor::setMapping(const ColumnMapping &mapping, const QList<CsvRecord> &rows)
{
    m_mapping = mapping;
    m_rows = rows;
    if (m_dateOrder) {
        // ISO dates read either way; the order is for the others. What the file's dates tell wins over
        // what this computer writes, and over what was remembered for an earlier file.
        QStringList samples;
        for (const CsvRecord &row : std::as_const(rows)) {
            samples.append(m_mapping.value(row, u"starts_at"_s));
            samples.append(m_mapping.value(row, u"ends_at"_s));
        }
        const DateOrder usual = m_mapping.dateOrder() == DateOrder::IsoOnly
            ? WrittenDateTime::localeOrder(QLocale())
            : m_mapping.dateOrder();
        m_mapping.setDateOrder(WrittenDateTime::guessOrder(samples, usual));
    }
    fillBoxes();
    showDateReading();
}

void ColumnMappingEditor::fillBoxes()
{
    m_filling = true;
    const QStringList &header = m_mapping.header();
    for (const ColumnMapping::Field &field : ColumnMapping::fields(m_kind)) {
        const QList<QComboBox *> &boxes = m_boxes.value(field.name);
        const QList<int> columns = m_mapping.columns(field.name);
        for (int which = 0; which < boxes.size(); ++which) {
            QComboBox *box = boxes.at(which);
            box->clear();
            if (which == 0)
                box->addItem(field.required ? tr("(choose a column)") : tr("(not in this file)"), s_none);
            else
                box->addItem(field.combine == ColumnMapping::Combine::Joined ? tr("(nothing to add)")
                                                                             : tr("(no other column)"),
                    s_none);
            for (int column = 0; column < header.size(); ++column) {
                const QString name = header.at(column);
                box->addItem(name.isEmpty() ? tr("(column %1, no name)").arg(column + 1) : name, column);
            }
            box->setCurrentIndex(qMax(0, box->findData(columns.value(which, s_none))));
            box->setEnabled(which == 0 || columns.size() >= which);
        }
    }
    if (m_dateOrder)
        m_dateOrder->setCurrentIndex(qMax(0, m_dateOrder->findData(int(m_mapping.dateOrder()))));
    m_filling = false;
}

void ColumnMappingEditor::readBoxes()
{
    for (const ColumnMapping::Field &field : ColumnMapping::fields(m_kind)) {
        const QList<QComboBox *> &boxes = m_boxes.value(field.name);
        QList<int> columns;
        for (QComboBox *box : boxes) {
            const int column = box->currentData().toInt();
            if (column == s_none)
                break; // a second column only after a first
            columns.append(column);
        }
        m_mapping.setColumns(field.name, columns);
        for (int which = 1; which < boxes.size(); ++which)
            boxes.at(which)->setEnabled(m_mapping.columns(field.name).size() >= which);
    }
}

QComboBox *ColumnMappingEditor::columnBox(const QString &field, int which) const
{
    return m_boxes.value(field).value(which);
}

QString ColumnMappingEditor::dateSample() const
{
    // An ISO date says nothing about the order: show a written one when the file has any.
    QString first;
    for (const CsvRecord &row : m_rows) {
        const QString value = m_mapping.value(row, u"starts_at"_s);
        if (value.isEmpty())
            continue;
        if (first.isEmpty())
            first = value;
        if (!WrittenDateTime::read(value, DateOrder::IsoOnly, QTimeZone::utc()).isValid())
            return value;
    }
    return first;
}

QString ColumnMappingEditor::dateReadingText() const
{
    return m_dateReading ? m_dateReading->text() : QString();
}

void ColumnMappingEditor::showDateReading()
{
    if (!m_dateRow)
        return;
    const QString sample = dateSample();
    m_dateRow->setVisible(!m_mapping.columns(u"starts_at"_s).isEmpty());
    if (sample.isEmpty()) {
        m_dateReading->setText(tr("The first rows have no start to read."));
        return;
    }
    const QDateTime read = WrittenDateTime::read(sample, m_mapping.dateOrder(), m_clock.zone());
    if (!read.isValid()) {
        m_dateReading->setText(tr("\"%1\" is not a date and time that can be read.").arg(sample));
        return;
    }
    // The month by name: the whole point is to show which number was taken for the month.
    const QString shown = m_clock.locale().toString(m_clock.onWallClock(read).date(), QLocale::LongFormat)
        + u", "_s + m_clock.time(read);
    const bool iso = WrittenDateTime::read(sample, DateOrder::IsoOnly, QTimeZone::utc()).isValid();
    bool decided = false;
    QStringList samples;
    for (const CsvRecord &row : m_rows)
        samples.append(m_mapping.value(row, u"starts_at"_s));
    WrittenDateTime::guessOrder(samples, DateOrder::DayFirst, &decided);
    QString text;
    if (iso)
        text = tr("\"%1\" is read as %2.").arg(sample, shown);
    else if (decided)
        text = tr("\"%1\" is read as %2; the file's dates can only be read this way.").arg(sample, shown);
    else if (m_mapping.dateOrder() == DateOrder::MonthFirst)
        text = tr("\"%1\" is read as %2, month first. If the file puts the day first, choose so.")
                   .arg(sample, shown);
    else
        text = tr("\"%1\" is read as %2, day first. If the file puts the month first, choose so.")
                   .arg(sample, shown);
    m_dateReading->setText(text);
}
