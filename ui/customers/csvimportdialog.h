// Imports a customers or bookings CSV file from the desktop app: which of the file's columns holds each
// field (guessed, and remembered per header set), a preview of the rows as they will be imported, the
// import on a worker thread with a progress bar, and the report with every bad row.
#pragma once

#include "csvimportjob.h"
#include "importer/columnmapping.h"
#include "importer/customercheck.h"
#include "importer/importreport.h"
#include "look/shownclock.h"
#include "phone/phonenormalizer.h"

#include <QDialog>

#include <memory>

class ColumnMappingEditor;
class CsvTableImporter;
class Database;
class QCheckBox;
class QLabel;
class QListView;
class QProgressBar;
class QPushButton;
class QStackedWidget;
class QStringListModel;
class QTableWidget;
class QTableWidgetItem;
class QThread;

class CsvImportDialog : public QDialog
{
    Q_OBJECT

public:
    using Kind = CsvImportJob::Kind;
    static constexpr int PreviewRows = 20;

    // `db` is the window's connection, which only checks the file's columns; the import opens its own
    // connection to `databasePath` (the same file) on the worker thread. Times written without an offset
    // are the business's: read, and shown, on `clock`.
    CsvImportDialog(Kind kind, Database &db, QString databasePath, QString defaultRegion,
        const ShownClock &clock = ShownClock(), QWidget *parent = nullptr);
    ~CsvImportDialog() override;

    // Shows which of the file's columns make each field (as last time for a file with these columns, else
    // guessed from their names) and the first rows as they will be imported; false (and the reason shown)
    // when the file cannot be imported as it is. A change of column or date order shows the rows again.
    bool loadFile(const QString &path);
    // Writes the example file of this kind (the import's columns, a few rows) to `path`.
    bool saveExampleFile(const QString &path, QString *error = nullptr) const;
    QString filePath() const { return m_path; }
    // "Import only the good rows": skip the bad rows instead of importing nothing.
    void setSkipInvalid(bool skip);
    bool isImporting() const { return m_thread != nullptr; }
    // The last import's report; empty before the first import.
    const ImportReport &report() const { return m_report; }

    // What the dialog shows, for tests and screenshots.
    QTableWidget *preview() const { return m_preview; }
    QString columnsText() const;
    ColumnMappingEditor *mappingEditor() const { return m_mappingEditor; }
    QString summaryText() const;
    QStringList problemLines() const;
    QProgressBar *progressBar() const { return m_progress; }
    QPushButton *importButton() const { return m_import; }

public Q_SLOTS:
    void chooseFile();
    void saveExample();
    void startImport();
    void stopImport();
    // Closes, except while importing: Stop first, which rolls the file back.
    void reject() override;

Q_SIGNALS:
    // Relayed from the worker, on the dialog's thread.
    void progressed(qint64 rows, qint64 bytesRead, qint64 totalBytes);
    // The import is over, committed or not; the panel reloads what it shows.
    void importFinished(const ImportReport &report);

private:
    void showProgress(qint64 rows, qint64 bytesRead, qint64 totalBytes);
    void showReport(const ImportReport &report);
    void showFileProblem(const QString &problem);
    bool showMappedRows();
    void fillPreview(const ColumnMapping &mapping);
    void markCell(QTableWidgetItem *item, const QString &problem) const;
    QString kindColumnsHelp() const;
    QString kindName() const;
    QString stateFolder() const;

    Kind m_kind;
    Database &m_db;
    QString m_databasePath;
    QString m_region;
    ShownClock m_clock;
    std::unique_ptr<CsvTableImporter> m_checker; // checks headers on the window's connection; never imports
    PhoneNormalizer m_phone;
    CustomerCheck m_customerCheck; // marks the preview's cells as the import will find them
    CustomerCheck::StaffList m_staff;
    QString m_path;
    QStringList m_header;
    QList<CsvRecord> m_rows;
    QString m_readError;
    ImportReport m_report;
    QThread *m_thread = nullptr;
    std::unique_ptr<CsvImportJob> m_job;

    QLabel *m_file;
    QLabel *m_columns;
    ColumnMappingEditor *m_mappingEditor;
    QStackedWidget *m_pages;
    QLabel *m_emptyPreview;
    QTableWidget *m_preview;
    QLabel *m_summary;
    QStringListModel *m_problemLines;
    QListView *m_problems;
    QCheckBox *m_skipInvalid;
    QProgressBar *m_progress;
    QLabel *m_progressText;
    QPushButton *m_choose;
    QPushButton *m_example;
    QPushButton *m_import;
    QPushButton *m_stop;
    QPushButton *m_close;
};
