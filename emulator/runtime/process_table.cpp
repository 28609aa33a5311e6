#include "emulator/runtime/process_table.hpp"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <set>
#include <utility>

#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>

namespace ecsemu::runtime {

namespace asio = boost::asio;

namespace {

int exit_code_of(int status) {
    if (WIFEXITED(status)) return WEXITSTATUS(status);
    if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
    return 255;
}

std::string os_error(const std::string& what, int error_number) {
    return what + ": " + std::strerror(error_number);
}

// Owns posix_spawn's C structures for the length of one spawn.
class SpawnSetup {
public:
    SpawnSetup() {
        posix_spawn_file_actions_init(&actions);
        posix_spawnattr_init(&attributes);
    }
    ~SpawnSetup() {
        posix_spawn_file_actions_destroy(&actions);
        posix_spawnattr_destroy(&attributes);
        if (log_fd >= 0) ::close(log_fd);
    }
    SpawnSetup(const SpawnSetup&) = delete;
    SpawnSetup& operator=(const SpawnSetup&) = delete;

    posix_spawn_file_actions_t actions;
    posix_spawnattr_t attributes;
    int log_fd = -1;
};

// The child starts in its own process group, with no blocked signals and default dispositions for the
// signals the emulator itself may catch or ignore (handlers reset on exec anyway; ignored ones would not).
void set_process_attributes(posix_spawnattr_t& attributes) {
    posix_spawnattr_setflags(&attributes,
                             POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
    posix_spawnattr_setpgroup(&attributes, 0);
    sigset_t none;
    sigemptyset(&none);
    posix_spawnattr_setsigmask(&attributes, &none);
    sigset_t defaults;
    sigemptyset(&defaults);
    for (int signal_number : {SIGCHLD, SIGPIPE, SIGTERM, SIGINT, SIGHUP, SIGQUIT, SIGUSR1, SIGUSR2}) {
        sigaddset(&defaults, signal_number);
    }
    posix_spawnattr_setsigdefault(&attributes, &defaults);
}

std::vector<char*> c_strings(const std::vector<std::string>& strings) {
    std::vector<char*> out;
    out.reserve(strings.size() + 1);
    for (const auto& s : strings) out.push_back(const_cast<char*>(s.c_str()));
    out.push_back(nullptr);
    return out;
}

}  // namespace

struct ProcessTable::Impl {
    Impl(asio::io_context& io, ExitHandler handler)
        : child_signals(io, SIGCHLD), on_exit(std::move(handler)) {}

    asio::signal_set child_signals;
    ExitHandler on_exit;
    std::set<int> live;

    void wait_for_children() {
        child_signals.async_wait([this](const boost::system::error_code& ec, int) {
            if (ec) return;  // cancelled: the table is being destroyed
            reap();
            wait_for_children();
        });
    }

    // SIGCHLD coalesces, so one signal may stand for several exits: every live child is checked. WNOWAIT
    // leaves the leader a zombie while the rest of its group is killed, so the group id cannot be reused.
    void reap() {
        std::vector<std::pair<int, int>> exits;
        for (int pid : live) {
            siginfo_t info{};
            if (::waitid(P_PID, static_cast<id_t>(pid), &info, WEXITED | WNOHANG | WNOWAIT) != 0) {
                if (errno == ECHILD) exits.emplace_back(pid, 255);  // reaped behind our back
                continue;
            }
            if (info.si_pid != pid) continue;
            ::kill(-pid, SIGKILL);
            int status = 0;
            while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
            }
            exits.emplace_back(pid, exit_code_of(status));
        }
        for (const auto& [pid, code] : exits) live.erase(pid);
        for (const auto& [pid, code] : exits) on_exit(pid, code);
    }
};

ProcessTable::ProcessTable(asio::io_context& io, ExitHandler on_exit)
    : impl_(std::make_unique<Impl>(io, std::move(on_exit))) {
    impl_->wait_for_children();
}

ProcessTable::~ProcessTable() {
    boost::system::error_code ignored;
    impl_->child_signals.cancel(ignored);
    for (int pid : impl_->live) ::kill(-pid, SIGKILL);
    for (int pid : impl_->live) {
        int status = 0;
        while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
        }
    }
}

SpawnOutcome ProcessTable::spawn(const SpawnRequest& request) {
    SpawnSetup setup;
    setup.log_fd = ::open(request.log_path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    if (setup.log_fd < 0) return SpawnOutcome{-1, os_error(request.log_path, errno)};
    posix_spawn_file_actions_addopen(&setup.actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_adddup2(&setup.actions, setup.log_fd, STDOUT_FILENO);
    posix_spawn_file_actions_adddup2(&setup.actions, setup.log_fd, STDERR_FILENO);
    if (!request.working_directory.empty()) {
        posix_spawn_file_actions_addchdir_np(&setup.actions, request.working_directory.c_str());
    }
    set_process_attributes(setup.attributes);

    auto argv = c_strings(request.argv);
    auto envp = c_strings(request.environment);
    pid_t pid = -1;
    int rc = ::posix_spawnp(&pid, argv[0], &setup.actions, &setup.attributes, argv.data(), envp.data());
    if (rc != 0) {
        std::string what = request.argv[0];
        if (!request.working_directory.empty()) what += " (in " + request.working_directory + ")";
        return SpawnOutcome{-1, os_error(what, rc)};
    }
    impl_->live.insert(pid);
    return SpawnOutcome{pid, {}};
}

void ProcessTable::signal_group(int pid, int signal) {
    if (impl_->live.count(pid) != 0) ::kill(-pid, signal);
}

std::size_t ProcessTable::live_count() const {
    return impl_->live.size();
}

}  // namespace ecsemu::runtime
