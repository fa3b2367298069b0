// SPDX-License-Identifier: GPL-3.0-or-later
// Chat micro-benchmarks (bench/README.md, "Chats"): reading a page of Chatwoot conversations,
// a full resync of 10 000 open conversations (400 pages of 25, parsed from JSON, through
// ChatService into the three groups), and a change poll that brings 1 000 new messages.
#include <benchmark/benchmark.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "chat/chatwoot_json.hpp"
#include "core/chat/chat_service.hpp"
#include "tests/support/fake_scheduler.hpp"

namespace {

using namespace telpanel;
using nlohmann::json;

json conversation_json(int id, int me, long activity) {
  const bool queued = id % 3 == 0;
  json assignee = queued ? json(nullptr) : json{{"id", me}, {"name", "Agent 1"}};
  return {
      {"id", id},
      {"account_id", 1},
      {"uuid", "00000000-0000-0000-0000-" + std::to_string(id)},
      {"inbox_id", 1 + id % 3},
      {"status", "open"},
      {"priority", nullptr},
      {"can_reply", true},
      {"unread_count", id % 5},
      {"updated_at", 1763750000.5 + id},
      {"timestamp", activity},
      {"last_activity_at", activity},
      {"labels", json::array()},
      {"additional_attributes", json::object()},
      {"meta",
       {{"sender",
         {{"id", 100000 + id},
          {"name", "Customer " + std::to_string(id)},
          {"phone_number", "+7900" + std::to_string(1000000 + id)},
          {"type", "contact"}}},
        {"assignee", assignee},
        {"channel", "Channel::Whatsapp"}}},
      {"messages",
       json::array({{{"id", id * 10},
                     {"content", "Hello, I have a question about my order " + std::to_string(id)},
                     {"message_type", 0},
                     {"created_at", activity},
                     {"private", false},
                     {"status", "sent"},
                     {"sender", {{"id", 100000 + id}, {"name", "Customer"}, {"type", "contact"}}},
                     {"attachments", json::array()}}})}};
}

std::string page_text(int first, int count, int total, long activity) {
  json payload = json::array();
  for (int i = first; i < first + count; ++i) payload.push_back(conversation_json(i, 1, activity));
  return json{{"data",
               {{"meta",
                 {{"mine_count", total * 2 / 3},
                  {"assigned_count", total * 2 / 3},
                  {"unassigned_count", total / 3},
                  {"all_count", total}}},
                {"payload", payload}}}}
      .dump();
}

// Serves pre-rendered JSON text, parsing it on every call as the real adapter would.
class JsonPagesApi final : public core::ChatApi {
 public:
  int total = 10000;
  std::vector<std::string> queue_pages, mine_pages;
  std::string empty_page, change_page;
  long long bytes = 0;

  void prepare() {
    std::vector<int> queued, mine;
    for (int i = 1; i <= total; ++i) (i % 3 == 0 ? queued : mine).push_back(i);
    auto render = [&](const std::vector<int>& ids, std::vector<std::string>& pages) {
      for (std::size_t k = 0; k < ids.size(); k += 25) {
        json payload = json::array();
        for (std::size_t j = k; j < std::min(ids.size(), k + 25); ++j)
          payload.push_back(conversation_json(ids[j], 1, 1000));
        pages.push_back(json{{"data",
                              {{"meta",
                                {{"mine_count", mine.size()},
                                 {"unassigned_count", queued.size()},
                                 {"all_count", total}}},
                               {"payload", payload}}}}
                            .dump());
      }
    };
    render(queued, queue_pages);
    render(mine, mine_pages);
    empty_page = page_text(1, 0, total, 1000);
    change_page = page_text(1, 1000, total, 2000);  // 1 000 chats with a new message each
  }
  void reply(const std::string& text, core::ChatCallback<core::ConversationPage> done) {
    bytes += static_cast<long long>(text.size());
    auto j = chat::parse_json_body(text);
    done(chat::parse_conversation_page(*j));
  }

  void profile(core::ChatCallback<core::ChatAgent> done) override { done(core::ChatAgent{1, "A"}); }
  void agents(core::ChatCallback<std::vector<core::ChatAgent>> done) override {
    done(std::vector<core::ChatAgent>{});
  }
  void inboxes(core::ChatCallback<std::vector<core::ChatInbox>> done) override {
    done(std::vector<core::ChatInbox>{});
  }
  void templates(core::ChatCallback<std::vector<core::ChatTemplate>> done) override {
    done(std::vector<core::ChatTemplate>{});
  }
  void conversations(const core::ConversationQuery& q, core::ChatPriority,
                     core::ChatCallback<core::ConversationPage> done) override {
    if (q.updated_within) return reply(change_page, done);
    const auto& pages = q.assignee_type == "unassigned" ? queue_pages
                        : q.assignee_type == "me"       ? mine_pages
                                                        : mine_pages;
    const std::size_t i = static_cast<std::size_t>(q.page - 1);
    reply(i < pages.size() ? pages[i] : empty_page, done);
  }
  void conversation(std::int64_t, core::ChatCallback<core::Conversation> done) override {
    done(core::make_error(core::ErrorCode::NotFound, ""));
  }
  void messages(std::int64_t, std::optional<std::int64_t>, core::ChatPriority,
                core::ChatCallback<core::MessageList> done) override {
    done(core::MessageList{});
  }
  void send(std::int64_t, const core::OutgoingMessage&,
            core::ChatCallback<core::ChatMessage> done) override {
    done(core::make_error(core::ErrorCode::NotFound, ""));
  }
  void assign(std::int64_t, std::int64_t,
              core::ChatCallback<std::optional<core::ChatAgent>> done) override {
    done(std::optional<core::ChatAgent>());
  }
  void participants(std::int64_t, core::ChatPriority,
                    core::ChatCallback<std::vector<core::ChatAgent>> done) override {
    done(std::vector<core::ChatAgent>{});
  }
  void add_participants(std::int64_t, const std::vector<std::int64_t>&,
                        core::ChatCallback<bool> done) override {
    done(true);
  }
  void remove_participants(std::int64_t, const std::vector<std::int64_t>&,
                           core::ChatCallback<bool> done) override {
    done(true);
  }
  void search_contacts(const std::string&,
                       core::ChatCallback<std::vector<core::ChatContact>> done) override {
    done(std::vector<core::ChatContact>{});
  }
  void create_contact(const std::string&, const std::string&,
                      core::ChatCallback<core::ChatContact> done) override {
    done(core::ChatContact{});
  }
  void create_conversation(std::int64_t, std::int64_t, std::int64_t, const std::string&,
                           core::ChatCallback<core::Conversation> done) override {
    done(core::make_error(core::ErrorCode::NotFound, ""));
  }
  void summarize(std::int64_t, core::ChatCallback<std::string> done) override {
    done(std::string());
  }
  void mark_seen(std::int64_t, core::ChatCallback<bool> done) override { done(true); }
  void unread_notifications(core::ChatCallback<int> done) override { done(0); }
  void download(const std::string&, const std::string&, core::ChatCallback<bool> done) override {
    done(true);
  }
};

long rss_kib() {
  std::ifstream f("/proc/self/status");
  std::string line;
  while (std::getline(f, line))
    if (line.rfind("VmRSS:", 0) == 0) return std::stol(line.substr(6));
  return 0;
}

void BM_ParseConversationPage(benchmark::State& state) {
  const std::string text = page_text(1, 25, 10000, 1000);
  for (auto _ : state) {
    auto j = chat::parse_json_body(text);
    auto page = chat::parse_conversation_page(*j);
    benchmark::DoNotOptimize(page);
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * text.size()));
}
BENCHMARK(BM_ParseConversationPage);

void BM_FullResync10k(benchmark::State& state) {
  JsonPagesApi api;
  api.prepare();
  const long before = rss_kib();
  std::size_t chats = 0;
  long after = 0;
  // The model's own memory: RSS while a service holds the 10 000 chats, over the baseline.
  for (auto _ : state) {
    tests::FakeScheduler scheduler;
    core::ChatSettings s;
    core::ChatService service(api, nullptr, scheduler, s, [] { return 1000; });
    service.start();  // profile, caches, the three groups page by page (synchronous here)
    chats = service.chats().size();
    after = std::max(after, rss_kib());
  }
  state.counters["chats"] = static_cast<double>(chats);
  state.counters["rss_growth_MiB"] = static_cast<double>(after - before) / 1024.0;
  state.counters["json_MiB_per_resync"] =
      static_cast<double>(api.bytes) / static_cast<double>(state.iterations()) / 1048576.0;
}
BENCHMARK(BM_FullResync10k)->Unit(benchmark::kMillisecond);

void BM_Apply1000NewMessages(benchmark::State& state) {
  JsonPagesApi api;
  api.prepare();
  tests::FakeScheduler scheduler;
  core::ChatSettings s;
  s.poll_interval = std::chrono::seconds(5);
  core::ChatService service(api, nullptr, scheduler, s, [] { return 1000; });
  service.start();
  int events = 0;
  service.signal_event().connect([&](const core::ChatEvent&) { ++events; });
  long activity = 2000;
  for (auto _ : state) {
    state.PauseTiming();
    api.change_page = page_text(1, 1000, api.total, ++activity);  // each has a newer message
    state.ResumeTiming();
    scheduler.advance(std::chrono::seconds(5));  // one change poll: 1 000 updated chats
  }
  state.counters["events_per_poll"] =
      static_cast<double>(events) / static_cast<double>(state.iterations());
}
BENCHMARK(BM_Apply1000NewMessages)->Unit(benchmark::kMillisecond);

// The Chats tab's badge and the tray are recounted on every change of the service.
void BM_UnreadChats10k(benchmark::State& state) {
  JsonPagesApi api;
  api.prepare();
  tests::FakeScheduler scheduler;
  core::ChatSettings s;
  core::ChatService service(api, nullptr, scheduler, s, [] { return 1000; });
  service.start();
  int unread = 0;
  for (auto _ : state) {
    unread = service.unread_chats();
    benchmark::DoNotOptimize(unread);
  }
  state.counters["chats"] = static_cast<double>(service.chats().size());
  state.counters["unread_chats"] = unread;
}
BENCHMARK(BM_UnreadChats10k)->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();
