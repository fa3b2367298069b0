// SPDX-License-Identifier: GPL-3.0-or-later
// The client directory at 100 000 clients (DIR-3, DIR-4): caller-ID lookup from a number as it
// arrives (normalise with libphonenumber, then the indexed key), smart search per tier, and
// import throughput. The directory lives in a real SQLite file (WAL) under $TMPDIR.
#include <benchmark/benchmark.h>
#include <stdlib.h>

#include <cstdio>
#include <filesystem>
#include <memory>
#include <random>

#include "contacts/contact_files.hpp"
#include "numbers/phone_number_normalizer.hpp"
#include "store/database.hpp"
#include "store/sqlite_call_history.hpp"
#include "store/sqlite_client_directory.hpp"

using namespace telpanel;

namespace {

constexpr int kClients = 100'000;
constexpr int kCalls = 10'000;  // journal rows for calls_for_client

const char* kFirst[] = {"Иван",  "Пётр",    "Анна",    "Ольга", "Сергей", "Мария", "Алексей",
                        "Елена", "Дмитрий", "Наталья", "John",  "Maria",  "Oleg",  "Irina"};
const char* kLast[] = {"Иванов",   "Петров",   "Сидоров",  "Смирнов", "Кузнецов", "Попов",
                       "Васильев", "Соколов",  "Михайлов", "Новиков", "Фёдоров",  "Морозов",
                       "Волков",   "Алексеев", "Лебедев",  "Семёнов", "Егоров",   "Павлов"};
const char* kCompany[] = {"Ромашка",  "Вектор", "Альфа",  "Прогресс", "Восток",
                          "Меридиан", "Stroy",  "Techno", "Логистик", "Север"};

// Client i: a person or a company with a contact person; mobile +7 9xx numbers derived from i
// (unique), typed in one of the ways people type them.
std::string number_of(int i, int variant) {
  const long n = 9000000000L + (long(i) * 7919L) % 1000000000L;
  const std::string d = std::to_string(n);
  char buf[40];
  switch (variant % 4) {
    case 0:
      std::snprintf(buf, sizeof buf, "8 (%s) %s-%s-%s", d.substr(0, 3).c_str(),
                    d.substr(3, 3).c_str(), d.substr(6, 2).c_str(), d.substr(8, 2).c_str());
      break;
    case 1:
      std::snprintf(buf, sizeof buf, "+7 %s %s %s %s", d.substr(0, 3).c_str(),
                    d.substr(3, 3).c_str(), d.substr(6, 2).c_str(), d.substr(8, 2).c_str());
      break;
    case 2:
      std::snprintf(buf, sizeof buf, "8%s", d.c_str());
      break;
    default:
      std::snprintf(buf, sizeof buf, "sip:+7%s@pbx.example.org", d.c_str());
  }
  return buf;
}

std::vector<core::ImportRecord> make_records(int count, int offset) {
  std::vector<core::ImportRecord> out;
  out.reserve(count);
  for (int k = 0; k < count; ++k) {
    const int i = offset + k;
    core::Client c;
    const std::string person = std::string(kLast[i % 18]) + " " + kFirst[(i / 18) % 14];
    if (i % 3 == 0) {
      c.name = std::string(kCompany[i % 10]) + " " + std::to_string(i);
      c.organization = kCompany[i % 10];
      c.contacts.push_back({0, person, "", {{number_of(i, i + 1), {}, "cell"}}});
    } else {
      c.name = person + " " + std::to_string(i);
      c.phones.push_back({number_of(i, i), {}, "cell"});
    }
    out.push_back({k + 2, std::move(c)});
  }
  return out;
}

struct Fixture {
  std::filesystem::path dir;
  std::unique_ptr<numbers::PhoneNumberNormalizer> numbers;
  std::unique_ptr<store::Database> db;
  std::unique_ptr<store::SqliteClientDirectory> directory;

  Fixture() {
    std::string templ = (std::filesystem::temp_directory_path() / "telpanel-bench-XXXXXX");
    dir = mkdtemp(templ.data());
    numbers = std::make_unique<numbers::PhoneNumberNormalizer>(
        std::move(*numbers::PhoneNumberNormalizer::create("RU", {2, 5})));
    db = std::make_unique<store::Database>(std::move(*store::Database::open(dir / "bench.db")));
    directory = std::make_unique<store::SqliteClientDirectory>(*db, *numbers);
    auto report = directory->import(make_records(kClients, 0));
    if (!report || !report->problems.empty()) std::abort();
    store::SqliteCallHistory history(*db);
    for (int i = 0; i < kCalls; ++i) {
      core::JournalEntry e;
      e.call_id = "c" + std::to_string(i);
      e.remote_party = number_of(i * 7 % kClients, 3);
      e.remote_number = numbers->normalize(e.remote_party).value;  // as the controller does
      e.started_at = core::TimePoint(std::chrono::seconds(1'700'000'000 + i * 60));
      if (!history.add(e)) std::abort();
    }
  }
  ~Fixture() {
    directory.reset();
    db.reset();
    std::filesystem::remove_all(dir);
  }
};

Fixture& fixture() {
  static Fixture f;
  return f;
}

void BM_Normalize(benchmark::State& state) {
  auto& f = fixture();
  int i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(f.numbers->normalize(number_of(i % kClients, i)));
    ++i;
  }
}

void BM_CallerIdLookupHit(benchmark::State& state) {
  auto& f = fixture();
  std::mt19937 rng(1);
  std::uniform_int_distribution<int> pick(0, kClients - 1);
  for (auto _ : state) {
    const int i = pick(rng);
    auto m = f.directory->lookup(number_of(i, i + 2));  // another formatting than stored
    if (!m || !*m) state.SkipWithError("lookup missed a stored number");
  }
}

void BM_CallerIdLookupMiss(benchmark::State& state) {
  auto& f = fixture();
  int i = 0;
  for (auto _ : state) {
    auto m = f.directory->lookup("+7 495 " + std::to_string(1000000 + i++ % 8000000));
    if (!m || *m) state.SkipWithError("unexpected owner");
  }
}

const char* kQueries[] = {
    "8 (900) 000-79-19",  // a whole stored number: exact
    "7900",               // number prefix, very common
    "345 6",              // number infix
    "иван",               // name prefix shared by ~5 500 clients, and contact persons
    "ромашка 3",          // company prefix
    "анов",               // infix only: inside "Иванов" (~5 500 names)
    "лебедев анна",       // contact person, rare
    "zzzz",               // nothing
};

void BM_Search(benchmark::State& state) {
  auto& f = fixture();
  const char* q = kQueries[state.range(0)];
  state.SetLabel(q);
  std::size_t hits = 0;
  for (auto _ : state) {
    auto r = f.directory->search(q, 20);
    if (!r) state.SkipWithError(r.error().detail.c_str());
    hits = r->size();
  }
  state.counters["hits"] = double(hits);
}

// The client card's calls: an indexed join on calls.remote_number (schema v3).
void BM_CallsForClient(benchmark::State& state) {
  auto& f = fixture();
  std::size_t calls = 0;
  for (auto _ : state) {
    auto ids = f.directory->calls_for_client(7 * 3 + 1);  // id of client 21, the peer of call 3
    if (!ids) state.SkipWithError(ids.error().detail.c_str());
    calls = ids->size();
  }
  state.counters["calls"] = double(calls);
  state.counters["journal_rows"] = kCalls;
}

// Import into a fresh file: 10 000 clients per iteration (records/s in items_per_second).
void BM_Import(benchmark::State& state) {
  auto& f = fixture();
  const auto records = make_records(10'000, kClients);
  int run = 0;
  for (auto _ : state) {
    state.PauseTiming();
    const auto path = f.dir / ("import-" + std::to_string(run++) + ".db");
    auto db = store::Database::open(path);
    store::SqliteClientDirectory directory(*db, *f.numbers);
    state.ResumeTiming();
    auto report = directory.import(records);
    if (!report || report->clients_created != 10'000) state.SkipWithError("import failed");
  }
  state.SetItemsProcessed(state.iterations() * 10'000);
}

// Reading the same 10 000 clients from CSV text (the parse step of an import).
void BM_ParseCsv(benchmark::State& state) {
  std::vector<core::Client> clients;
  for (auto& r : make_records(10'000, 0)) clients.push_back(r.client);
  const auto text = contacts::write_csv(clients);
  for (auto _ : state) benchmark::DoNotOptimize(contacts::parse_csv(text));
  state.SetItemsProcessed(state.iterations() * 10'000);
  state.SetBytesProcessed(state.iterations() * std::int64_t(text.size()));
}

void BM_ParseVCard(benchmark::State& state) {
  std::vector<core::Client> clients;
  for (auto& r : make_records(10'000, 0)) clients.push_back(r.client);
  const auto text = contacts::write_vcards(clients);
  for (auto _ : state) benchmark::DoNotOptimize(contacts::parse_vcards(text));
  state.SetItemsProcessed(state.iterations() * 10'000);
  state.SetBytesProcessed(state.iterations() * std::int64_t(text.size()));
}

}  // namespace

BENCHMARK(BM_Normalize);
BENCHMARK(BM_CallerIdLookupHit);
BENCHMARK(BM_CallerIdLookupMiss);
BENCHMARK(BM_Search)->DenseRange(0, std::size(kQueries) - 1)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_CallsForClient)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Import)->Unit(benchmark::kMillisecond)->Iterations(3);
BENCHMARK(BM_ParseCsv)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ParseVCard)->Unit(benchmark::kMillisecond);
BENCHMARK_MAIN();
