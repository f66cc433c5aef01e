package scheduler

// DropNotifier is implemented by the Workers of every scheduler of this
// package. It lets the owner of a task that holds some state on its behalf
// (a drain loop, as PublishOn's) learn that the task will never run, so that
// it can release that state instead of waiting forever.
type DropNotifier interface {
	// ScheduleNotify is Schedule, except that onDrop is called, once and
	// on an arbitrary goroutine, if task is dropped without having run:
	// refused at submission (the worker or its scheduler is disposed: then
	// before ScheduleNotify returns), or cancelled while still queued (by
	// Dispose of the worker, of the scheduler, or of the returned
	// Disposable). onDrop is never called once task has started.
	ScheduleNotify(task func(), onDrop func()) Disposable
}

// ScheduleNotify implements DropNotifier.
func (w *worker) ScheduleNotify(fn func(), onDrop func()) Disposable {
	d := w.Schedule(fn)
	t, ok := d.(*task)
	if !ok { // refused
		onDrop()
		return d
	}
	t.onDrop.Store(&onDrop)
	t.notifyDrop() // in case it was dropped before the callback was set
	return d
}

// ScheduleNotify implements DropNotifier: the task runs at once on the
// caller's goroutine unless the worker is disposed.
func (w *immediateWorker) ScheduleNotify(task func(), onDrop func()) Disposable {
	if w.IsDisposed() {
		onDrop()
		return disposed{}
	}
	return w.Schedule(task)
}
