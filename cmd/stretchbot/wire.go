package main

import (
	"github.com/stretchbot/stretchbot/coach"
	"github.com/stretchbot/stretchbot/nlu"
	"github.com/stretchbot/stretchbot/store"
)

// defaultDB is the database path when neither -db nor STRETCHBOT_DB is set.
const defaultDB = "stretchbot.db"

// openService opens the store and builds the coach over it: the one place
// where content, understanding, engine and storage meet.
func openService(dbPath string) (*coach.Service, *store.DB, error) {
	c, err := coach.LoadContent()
	if err != nil {
		return nil, nil, err
	}
	db, err := store.Open(dbPath, store.Options{})
	if err != nil {
		return nil, nil, err
	}
	svc := coach.NewService(coach.NewEngine(c, nlu.New(c)), db)
	return svc, db, nil
}
