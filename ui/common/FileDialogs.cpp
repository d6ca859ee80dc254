#include "common/FileDialogs.h"

#include "common/MessageBoxes.h"

#include <QDir>
#include <QFileDialog>
#include <QSaveFile>

namespace tessera::ui {

QStringList& FileDialogs::queue()
{
    static QStringList next;
    return next;
}

bool& FileDialogs::nonInteractive()
{
    static bool enabled = false;
    return enabled;
}

void FileDialogs::setNonInteractive(bool enabled)
{
    nonInteractive() = enabled;
}

void FileDialogs::setNextFileName(const QString& path)
{
    queue().append(path);
}

void FileDialogs::clearNextFileNames()
{
    queue().clear();
}

QString FileDialogs::vaultFilter()
{
    return QObject::tr("Tessera vaults (*.tessera);;All files (*)");
}

QString FileDialogs::getOpenFileName(QWidget* parent, const QString& caption, const QString& directory,
                                     const QString& filter)
{
    if (!queue().isEmpty()) {
        return queue().takeFirst();
    }
    if (nonInteractive()) {
        return {};
    }
    return QFileDialog::getOpenFileName(parent, caption, directory, filter);
}

QString FileDialogs::getSaveFileName(QWidget* parent, const QString& caption, const QString& proposed,
                                     const QString& filter)
{
    if (!queue().isEmpty()) {
        return queue().takeFirst();
    }
    if (nonInteractive()) {
        return {};
    }
    return QFileDialog::getSaveFileName(parent, caption, proposed, filter);
}

bool FileDialogs::writeExport(QWidget* parent, const QString& path, QByteArrayView bytes, bool ownerOnly)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) ||
        (ownerOnly && !file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner)) ||
        file.write(bytes.data(), bytes.size()) != bytes.size() || !file.commit()) {
        MessageBoxes::warning(parent, QObject::tr("Export Failed"),
                              QObject::tr("Could not write %1: %2").arg(QDir::toNativeSeparators(path), file.errorString()));
        return false;
    }
    return true;
}

} // namespace tessera::ui
