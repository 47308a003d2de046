package bot

import "sync"

// dispatcher runs tasks strictly in order per key (a user or a chat) and
// concurrently across keys, at most `workers` at a time.
type dispatcher struct {
	sem chan struct{}
	wg  sync.WaitGroup

	mu     sync.Mutex
	queues map[int64]*keyQueue
}

type keyQueue struct {
	tasks []func()
}

func newDispatcher(workers int) *dispatcher {
	return &dispatcher{sem: make(chan struct{}, workers), queues: map[int64]*keyQueue{}}
}

// submit queues task after the key's earlier tasks.
func (d *dispatcher) submit(key int64, task func()) {
	d.mu.Lock()
	if q := d.queues[key]; q != nil {
		q.tasks = append(q.tasks, task)
		d.mu.Unlock()
		return
	}
	q := &keyQueue{tasks: []func(){task}}
	d.queues[key] = q
	d.wg.Add(1)
	d.mu.Unlock()
	go d.drain(key, q)
}

// drain runs the key's tasks until there are none left. It holds a worker
// slot while it runs them.
func (d *dispatcher) drain(key int64, q *keyQueue) {
	defer d.wg.Done()
	d.sem <- struct{}{}
	defer func() { <-d.sem }()
	for {
		d.mu.Lock()
		if len(q.tasks) == 0 {
			delete(d.queues, key)
			d.mu.Unlock()
			return
		}
		t := q.tasks[0]
		q.tasks[0] = nil
		q.tasks = q.tasks[1:]
		d.mu.Unlock()
		t()
	}
}

// wait returns once every submitted task has run.
func (d *dispatcher) wait() { d.wg.Wait() }

// seenSet remembers the last `size` update ids handled, so an update
// delivered twice (a webhook retry, a poll repeated after an error) is
// handled once.
type seenSet struct {
	mu   sync.Mutex
	ids  map[int]struct{}
	ring []int
	next int
}

func newSeenSet(size int) *seenSet {
	return &seenSet{ids: make(map[int]struct{}, size), ring: make([]int, size)}
}

// add records id and reports whether it was new.
func (s *seenSet) add(id int) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.ids[id]; ok {
		return false
	}
	if old := s.ring[s.next]; old != 0 {
		delete(s.ids, old)
	}
	s.ring[s.next] = id
	s.next = (s.next + 1) % len(s.ring)
	s.ids[id] = struct{}{}
	return true
}
