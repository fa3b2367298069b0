// SPDX-License-Identifier: GPL-3.0-or-later
// The journal at 1 000 000 calls (JRN-2..7): each filter, search, the derivations after a new
// call, export. One SQLite file under $TMPDIR, built once per run (see bench/README.md).
#include <benchmark/benchmark.h>

#include <cstdio>
#include <filesystem>
#include <memory>
#include <random>
#include <string>

#include "core/digits_normalizer.hpp"
#include "core/journal_rules.hpp"
#include "core/journal_table.hpp"
#include "core/local_calendar.hpp"
#include "sheets/xlsx_table.hpp"
#include "store/database.hpp"
#include "store/sqlite_call_history.hpp"
#include "store/sqlite_call_journal.hpp"

namespace {

using namespace telpanel;
using namespace std::chrono_literals;

constexpr int kRows = 1'000'000;
constexpr int kNumbers = 100'000;  // distinct clients' numbers
constexpr int kDays = 365;
const core::TimePoint kFirstDay = core::Clock::from_time_t(1735678800);  // 2025-01-01 MSK

std::string number(int n) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "+7900%07d", n);
  return buf;
}

// A client's name, the same for every call with number n and varied like real names (a bench
// where every name shares a prefix would measure the trigram index's worst case only).
std::string client_name(int n) {
  static const char* const syllables[] = {"ka", "lo", "mi", "ro", "va", "se", "ni",
                                          "to", "pe", "da", "go", "ru", "zi", "be",
                                          "fa", "le", "mo", "su", "ta", "vo"};
  static const char* const first[] = {"Anna", "Boris", "Daria", "Egor",  "Irina",
                                      "Oleg", "Pavel", "Sofia", "Timur", "Vera"};
  std::string s;
  for (int k = 0, v = n; k < 3; ++k, v /= 20) s += syllables[v % 20];
  s[0] = static_cast<char>(s[0] - 'a' + 'A');
  return s + "nov " + first[(n / 8000) % 10];
}

struct Journal {
  std::filesystem::path dir;
  std::unique_ptr<store::Database> db;
  core::DigitsNormalizer numbers{5};
  core::SystemLocalCalendar calendar;
  std::unique_ptr<store::SqliteCallHistory> history;
  std::unique_ptr<store::SqliteCallJournal> journal;
  double build_seconds = 0;
  double derive_seconds = 0;

  Journal() {
    dir = std::filesystem::temp_directory_path() / "telpanel-journal-bench";
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    auto opened = store::Database::open((dir / "telpanel.db").string());
    if (!opened) throw std::runtime_error(opened.error().detail);
    db = std::make_unique<store::Database>(std::move(*opened));
    history = std::make_unique<store::SqliteCallHistory>(*db, calendar);
    journal = std::make_unique<store::SqliteCallJournal>(*db, numbers, calendar);
    fill();
  }
  ~Journal() { std::filesystem::remove_all(dir); }

  // Raw rows (remote_number NULL), then backfill(): the same path an upgraded file takes, so
  // the derivation of all 1M rows is measured too.
  void fill() {
    const auto t0 = std::chrono::steady_clock::now();
    std::mt19937 rng(42);
    std::uniform_int_distribution<int> client(0, kNumbers - 1), percent(0, 99);
    std::uniform_int_distribution<long> second_of_year(0, kDays * 86400L - 1);
    std::vector<long> starts(kRows);
    for (auto& s : starts) s = second_of_year(rng);
    std::sort(starts.begin(), starts.end());
    auto r = db->transaction([&]() -> core::Result<void> {
      for (int i = 0; i < kRows; ++i) {
        auto st = db->prepare(
            "INSERT INTO calls (call_id, direction, account, local_party, remote_party, "
            "remote_display, started_at, answered_at, ended_at, ended_by, end_reason) VALUES "
            "(?1, ?2, '', 'sip:1001@pbx', ?3, ?4, ?5, ?6, ?7, 'remote', 'hangup')");
        if (!st) return st.error();
        const bool internal = percent(rng) < 10;
        const int n = client(rng);
        const std::string party = internal ? "sip:" + std::to_string(1000 + n % 200) + "@pbx"
                                           : "sip:" + number(n) + "@pbx";
        const std::int64_t start =
            std::chrono::duration_cast<std::chrono::milliseconds>(
                (kFirstDay + std::chrono::seconds(starts[i])).time_since_epoch())
                .count();
        const bool answered = percent(rng) < 70;
        st->bind(1, "b" + std::to_string(i))
            .bind(2, percent(rng) < 60 ? "incoming" : "outgoing")
            .bind(3, party)
            .bind(4, client_name(n))
            .bind(5, start)
            .bind(6, answered ? std::optional<std::int64_t>(start + 8000) : std::nullopt)
            .bind(7, start + (answered ? 120000 : 20000));
        if (auto done = st->run(); !done) return done;
      }
      return {};
    });
    if (!r) throw std::runtime_error(r.error().detail);
    const auto t1 = std::chrono::steady_clock::now();
    auto filled = journal->backfill();
    if (!filled) throw std::runtime_error(filled.error().detail);
    db->exec("ANALYZE");
    const auto t2 = std::chrono::steady_clock::now();
    build_seconds = std::chrono::duration<double>(t1 - t0).count();
    derive_seconds = std::chrono::duration<double>(t2 - t1).count();
    std::fprintf(stderr, "journal bench: %d rows inserted in %.1f s, derived in %.1f s\n", kRows,
                 build_seconds, derive_seconds);
  }
};

Journal& journal() {
  static Journal j;
  return j;
}

void run_query(benchmark::State& state, const core::JournalQuery& q) {
  auto& j = journal();
  std::size_t rows = 0;
  for (auto _ : state) {
    auto r = j.journal->query(q);
    if (!r) {
      state.SkipWithError(r.error().detail.c_str());
      return;
    }
    rows = r->size();
    benchmark::DoNotOptimize(rows);
  }
  state.counters["rows"] = static_cast<double>(rows);
}

core::JournalQuery page() { return core::JournalQuery{}; }  // newest 100

void BM_Recent100(benchmark::State& s) { run_query(s, page()); }
void BM_FilterIncoming(benchmark::State& s) {
  auto q = page();
  q.direction = core::CallDirection::Incoming;
  run_query(s, q);
}
void BM_FilterLost(benchmark::State& s) {
  auto q = page();
  q.statuses = {core::CallStatus::Lost};
  run_query(s, q);
}
void BM_FilterMissed(benchmark::State& s) {
  auto q = page();
  q.statuses = {core::CallStatus::Lost, core::CallStatus::NoAnswer};
  run_query(s, q);
}
void BM_FilterNeedsAttention(benchmark::State& s) {
  auto q = page();
  q.needs_attention_only = true;
  run_query(s, q);
}
void BM_FilterFirstContacts(benchmark::State& s) {
  auto q = page();
  q.new_number_only = true;
  run_query(s, q);
}
void BM_FilterInternalOnly(benchmark::State& s) {
  auto q = page();
  q.internal = true;
  run_query(s, q);
}
void BM_FilterOneDayAll(benchmark::State& s) {
  auto q = page();
  q.from = kFirstDay + 200 * 24h;
  q.to = *q.from + 24h;
  q.limit = 0;
  run_query(s, q);
}
void BM_FilterMonthLostOldestFirst(benchmark::State& s) {
  auto q = page();
  q.from = kFirstDay + 100 * 24h;
  q.to = *q.from + 30 * 24h;
  q.statuses = {core::CallStatus::Lost};
  q.oldest_first = true;
  run_query(s, q);
}
void BM_SearchFullNumberOtherFormatting(benchmark::State& s) {
  auto q = page();
  q.search = "8 (900) 001-23-45";
  run_query(s, q);
}
void BM_SearchPartialNumber(benchmark::State& s) {
  auto q = page();
  q.search = "12345";
  run_query(s, q);
}
void BM_SearchRareName(benchmark::State& s) {
  auto q = page();
  q.search = client_name(54321);
  run_query(s, q);
}
void BM_SearchCommonName(benchmark::State& s) {
  auto q = page();
  q.search = "Anna";  // a tenth of all calls
  run_query(s, q);
}
void BM_SearchNoMatch(benchmark::State& s) {
  auto q = page();
  q.search = "Nobody";
  run_query(s, q);
}

// A new call from a number with history: add (ringing), answer, end — each re-derives the
// number's day, as in the panel.
void BM_NewCallDerivations(benchmark::State& state) {
  auto& j = journal();
  int i = 0;
  for (auto _ : state) {
    core::JournalEntry e;
    e.call_id = "new" + std::to_string(i);
    e.direction = core::CallDirection::Incoming;
    e.remote_party = "sip:" + number(i % kNumbers) + "@pbx";
    e.remote_number = number(i % kNumbers);
    e.started_at = kFirstDay + (kDays - 1) * 24h + std::chrono::seconds(i % 80000);
    auto id = j.history->add(e);
    if (!id || !j.history->mark_answered(*id, e.started_at + 5s) ||
        !j.history->mark_ended(*id, e.started_at + 60s, core::CallEnd{})) {
      state.SkipWithError("journal write failed");
      return;
    }
    ++i;
  }
}

void export_rows(benchmark::State& state, bool xlsx) {
  auto& j = journal();
  auto q = page();
  q.limit = static_cast<int>(state.range(0));
  const auto path = (j.dir / (xlsx ? "view.xlsx" : "view.csv")).string();
  for (auto _ : state) {
    auto entries = j.journal->query(q);
    const auto table = core::journal_table(*entries, core::default_journal_columns());
    if (xlsx) {
      if (!sheets::write_xlsx(table, path, "Journal")) state.SkipWithError("xlsx failed");
    } else {
      const std::string csv = core::table_to_csv(table);
      std::FILE* f = std::fopen(path.c_str(), "wb");
      std::fwrite(csv.data(), 1, csv.size(), f);
      std::fclose(f);
    }
  }
  state.counters["rows"] = static_cast<double>(state.range(0));
}
void BM_ExportCsv(benchmark::State& s) { export_rows(s, false); }
void BM_ExportXlsx(benchmark::State& s) { export_rows(s, true); }

BENCHMARK(BM_Recent100)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_FilterIncoming)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_FilterLost)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_FilterMissed)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_FilterNeedsAttention)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_FilterFirstContacts)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_FilterInternalOnly)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_FilterOneDayAll)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_FilterMonthLostOldestFirst)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_SearchFullNumberOtherFormatting)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_SearchPartialNumber)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_SearchRareName)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_SearchCommonName)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_SearchNoMatch)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_NewCallDerivations)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ExportCsv)->Arg(1000)->Arg(100000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ExportXlsx)->Arg(1000)->Arg(100000)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
