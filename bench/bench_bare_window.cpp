// bench_bare_window: the baseline for bench_startup's GUI figure. A QApplication and an empty QWidget,
// quitting as soon as the window is exposed, by the same mechanism `tessera` uses when
// TESSERA_BENCH_QUIT_ON_SHOW=1, so the two start-up times differ only by what Tessera adds.
#include <QApplication>
#include <QTimer>
#include <QWidget>
#include <QWindow>
#include <cstdio>

namespace {

class QuitOnFirstExpose : public QObject
{
public:
    using QObject::QObject;

protected:
    bool eventFilter(QObject* watched, QEvent* event) override
    {
        if (event->type() == QEvent::Expose) {
            if (auto* window = qobject_cast<QWindow*>(watched); window && window->isExposed()) {
                QCoreApplication::instance()->removeEventFilter(this);
                QTimer::singleShot(0, QCoreApplication::instance(), &QCoreApplication::quit);
            }
        }
        return QObject::eventFilter(watched, event);
    }
};

} // namespace

int main(int argc, char* argv[])
{
    QApplication app(argc, argv);
    app.installEventFilter(new QuitOnFirstExpose(&app));
    QWidget window;
    window.setWindowTitle(QStringLiteral("bench_bare_window"));
    window.show();
    const int status = QApplication::exec();
    // After the timed part; bench_startup discards it, a person running the program sees what it is for.
    std::puts(
        "bench_bare_window: baseline for bench_startup (showed an empty window and quit on first expose)");
    return status;
}
